# 结案审批表 (the closing approval form), numbered by the case number.
@title 结案审批表
@number case
@input result 处理结果及执行情况
center {agency.name}
title 结案审批表
right 案号：{document.number}
row 案由 | {case.cause}
row 当事人 | {party.name}
row 立案日期 | {case.filed|date}
row 承办人员 | {officer_names}
if decision.number row 决定书文号 | {decision.number}
if decision.at row 决定日期 | {decision.at|date}
if decision.outcome row 处理决定 | {decision.outcome}
if decision.fine_fen row 罚款金额 | {decision.fine_fen|yuan}元（{decision.fine_fen|words}）
row 处理结果及执行情况 | {input.result}
row 承办人意见 | 本案已处理完毕，建议结案。　　　承办人（签名）：
row 负责人审批意见 | （签名）　　　　　　年　　月　　日
gap
plain 依据：《住房和城乡建设行政处罚程序规定》；《中华人民共和国行政处罚法》第五十七条。
