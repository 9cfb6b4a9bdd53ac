# 责令（限期）改正通知书 (the order to correct), numbered from
# numbering.documents.rectify.
@title 责令改正通知书
@number rectify
@input violated 违反的法律规定，如：《中华人民共和国建筑法》第七条第一款
@input requirement 改正的要求
@input by 改正的期限，如：2026年10月15日
center {agency.name}
title 责令改正通知书
right {document.number}
plain {party.name}：
para 经查，你（单位）{case.cause}，违反了{input.violated}的规定。
para 根据《中华人民共和国行政处罚法》第二十八条第一款的规定，现责令你（单位）于{input.by}前改正上述违法行为：{input.requirement}。
para 逾期不改正的，本机关将依法处理。
para 如不服本通知，可以自收到本通知书之日起六十日内向{agency.remedies.review}申请行政复议，或者在六个月内依法向{agency.remedies.court}提起行政诉讼。
gap
right {agency.seal}
right {document.date|date}
gap
plain 承办人员：{officer_names}　　联系电话：{agency.phone}
