# 行政处罚决定书 (the penalty decision), carrying the decision's 文号.
@title 行政处罚决定书
@kinds penalty
@number decision
@stage decide
@after decide
@input facts 经调查查明的违法事实
center {agency.name}
title 行政处罚决定书
right {document.number}
plain 当事人：{party.name}
if party.id plain 统一社会信用代码（身份证件号码）：{party.id}
if party.rep plain 法定代表人（负责人）：{party.rep}
if party.address plain 住所（地址）：{party.address}
para 你（单位）{case.cause}一案，本机关于{case.filed|date}立案调查，现已调查终结。经查明：{input.facts}
para 上述事实有下列证据证明：
each evidence plain 　　{n}．{title}（{kind_name}）
para 本机关于{step.notify.at|date}向你（单位）送达了行政处罚事先告知书，告知了拟作出行政处罚的事实、理由、依据及你（单位）依法享有的陈述、申辩和要求听证的权利。
para 依据{decision.basis}的规定，本机关决定对你（单位）作出如下行政处罚：{decision.outcome}。
if decision.fine_fen para 罚款人民币{decision.fine_fen|yuan}元（大写：{decision.fine_fen|words}），请于收到本决定书之日起十五日内缴至指定银行或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款（《中华人民共和国行政处罚法》第六十七条、第七十二条）。
para 如不服本决定，可以自收到本决定书之日起六十日内向{agency.remedies.review}申请行政复议，或者在六个月内依法向{agency.remedies.court}提起行政诉讼。申请行政复议或者提起行政诉讼期间，行政处罚不停止执行，法律另有规定的除外。
gap
right {agency.seal}
right {decision.at|date}
