# 送达回证 (the proof of service), signed by whoever receives it.
@title 送达回证
@stage serve
@input served 送达的文书名称及文号
@input place 送达地点
@input method 送达方式，如：直接送达
center {agency.name}
title 送达回证
row 案号 | {case.number}
row 受送达人 | {party.name}
row 送达文书名称及文号 | {input.served}
row 送达地点 | {input.place}
row 送达方式 | {input.method}
row 送达人 | {officer_names}
row 受送达人签名或者盖章 | 　　　　　　　　　　年　　月　　日
row 代收人及代收理由 | 　　　　　　　　　　年　　月　　日
row 见证人 | 　　　　　　　　　　年　　月　　日
row 备注 | 受送达人拒绝签收的，送达人可以邀请见证人到场，说明情况，把文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程。
gap
plain 依据：《中华人民共和国行政处罚法》第六十一条；《中华人民共和国民事诉讼法》第八十七条、第八十九条。
