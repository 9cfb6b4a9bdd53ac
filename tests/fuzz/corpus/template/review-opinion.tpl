# 法制审核意见书 (the legal review's opinion), from the latest round of
# review-submit and review-decide.
@title 法制审核意见书
@after review-decide
center {agency.name}
title 法制审核意见书
row 案号 | {case.number}
row 当事人 | {party.name}
row 案由 | {case.cause}
row 承办人员 | {officer_names}
row 送审人 | {review.submitter_name}
row 送审时间 | {review.submitted|date}
row 审核轮次 | 第{review.round}轮
each review.points row {question} | {answer}
row 审核结论 | {review.verdict}
row 审核意见 | {review.opinion}
row 审核人员 | {review.reviewer_name}
row 审核日期 | {step.review-decide.at|date}
gap
plain 依据：《中华人民共和国行政处罚法》第五十八条；《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）。
