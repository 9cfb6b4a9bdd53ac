# 听证通知书 (the notice of a hearing), numbered from
# numbering.documents.hearing-notice; served at least seven days before
# the hearing (行政处罚法第六十四条第二项).
@title 听证通知书
@kinds penalty licensing
@number hearing-notice
@after hearing-request
@input when 听证的时间，如：2026年10月20日9时30分
@input place 听证的地点
@input host 听证主持人（姓名、职务）
@input clerk 听证记录人
center {agency.name}
title 听证通知书
right {document.number}
plain {party.name}：
para 根据你（单位）于{step.hearing-request.at|date}提出的听证申请，本机关决定于{input.when}在{input.place}就{case.cause}一案举行听证，请准时出席。
para 本次听证由{input.host}主持，{input.clerk}记录。你（单位）认为主持人与本案有直接利害关系的，有权申请回避。
para 你（单位）可以亲自参加听证，也可以委托一至二人代理；委托代理人参加的，应当提交授权委托书。除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行。
para 无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。
plain 依据：《中华人民共和国行政处罚法》第六十四条。
gap
right {agency.seal}
right {document.date|date}
gap
plain 联系地址：{agency.address}　　联系电话：{agency.phone}
