# 现场检查笔录 (the record of an on-site inspection).
@title 现场检查笔录
@stage inspect
@input time 检查时间，如：2026年9月1日9时00分至9时40分
@input place 检查地点
@input present 当事人或者见证人（姓名、身份）
@input findings 检查情况
center {agency.name}
title 现场检查笔录
row 案号 | {case.number}
row 检查时间 | {input.time}
row 检查地点 | {input.place}
row 被检查人 | {party.name}
if party.rep row 法定代表人（负责人） | {party.rep}
row 在场人 | {input.present}
each officers row 检查人员 | {name}　执法证号：{certificate}
plain 我们是{agency.name}的执法人员，已向被检查人出示执法证件。依照《中华人民共和国行政处罚法》第五十五条的规定，现依法进行检查，被检查人应当如实回答询问，协助检查，不得拒绝或者阻挠。
heading 检查情况：
para {input.findings}
gap
plain 被检查人或者见证人（签名）：　　　　　　　年　　月　　日
plain 检查人员（签名）：　　　　　　　年　　月　　日
