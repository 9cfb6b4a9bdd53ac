# 行政处罚事先告知书 (the notice of a proposed penalty, with the rights to
# state, defend and ask for a hearing).  Its last day counts from the
# notify step as recorded (the day it was served on the party).
@title 行政处罚事先告知书
@kinds penalty
@number notice
@stage notify
@after notify
@input facts 经调查查明的违法事实
@input basis 拟作出处罚的依据，如：《中华人民共和国建筑法》第六十四条
@input proposal 拟作出的行政处罚，如：罚款
@input fine 拟处罚款的数额（元），没有罚款的不填
center {agency.name}
title 行政处罚事先告知书
right {document.number}
plain {party.name}：
para 你（单位）{case.cause}一案，经本机关调查，现查明：{input.facts}
para 上述事实有下列证据证明：
each evidence plain 　　{n}．{title}（{kind_name}）
para 你（单位）的上述行为违反了有关法律规定，依据{input.basis}的规定，本机关拟对你（单位）作出如下行政处罚：{input.proposal}。
if input.fine para 拟处罚款人民币{input.fine|yuan}元（大写：{input.fine|words}）。
para 根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定，你（单位）有权进行陈述和申辩；符合听证条件的，有权要求举行听证。请于{due.penalty-statement|date}前提出陈述申辩或听证申请，逾期视为放弃上述权利。
gap
right {agency.seal}
right {step.notify.at|date}
gap
plain 联系地址：{agency.address}　　联系电话：{agency.phone}
