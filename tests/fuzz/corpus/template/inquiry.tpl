# 询问笔录 (the record of an interview).
@title 询问笔录
@input time 询问时间，如：2026年9月2日14时00分至15时10分
@input place 询问地点
@input person 被询问人（姓名、性别、身份证件号码、工作单位及职务、联系电话）
@input record 询问内容（问与答，每行一问或一答）
center {agency.name}
title 询问笔录
row 案号 | {case.number}
row 询问时间 | {input.time}
row 询问地点 | {input.place}
row 被询问人 | {input.person}
each officers row 询问人 | {name}　执法证号：{certificate}
para 问：我们是{agency.name}的执法人员{officer_names}，这是我们的执法证件。现就{party.name}涉嫌{case.cause}一案依法向你进行询问调查，你应当如实回答，不得作伪证。你认为执法人员与本案有利害关系、可能影响公正处理的，有权申请回避。你是否申请回避？
para {input.record}
gap
plain 以上笔录我已看过（向我宣读过），与我所说相符。
plain 被询问人（签名）：　　　　　　　年　　月　　日
plain 询问人（签名）：　　　　　　　记录人（签名）：
