# 立案审批表 (the filing approval form), numbered by the case number.
# The template format is in doc-render(1); a bureau may replace this file
# with its own (ZHIFA_TEMPLATES, or doc-render --template FILE).
@title 立案审批表
@number case
center {agency.name}
title 立案审批表
right 案号：{document.number}
if case.source row 案件来源 | {case.source}
row 案由 | {case.cause}
row 当事人 | {party.name}
row 当事人类别 | {party.kind_name}
if party.id row 统一社会信用代码（身份证件号码） | {party.id}
if party.rep row 法定代表人（负责人） | {party.rep}
if party.address row 住所（地址） | {party.address}
if party.phone row 联系电话 | {party.phone}
if case.field row 执法领域 | {case.field}
each officers row 承办人员 | {name}　执法证号：{certificate}
row 立案日期 | {case.filed|date}
row 承办人意见 | 经初步核实，当事人涉嫌{case.cause}，有违法事实，属于本机关管辖，依法应当给予行政处罚，建议立案调查。　　　承办人（签名）：
row 负责人审批意见 | （签名）　　　　　　年　　月　　日
gap
plain 依据：《中华人民共和国行政处罚法》第五十四条；《住房和城乡建设行政处罚程序规定》。
