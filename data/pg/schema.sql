-- The provincial database of zhifa: the cases of every agency, loaded from
-- their exchange bundles by province-load(1).  PostgreSQL 12 or later.
-- province-load applies this file itself (every statement may run again);
-- a supervision office queries the views at the end.

-- Each exchange bundle loaded, by the SHA-256 of its exchange.json: a
-- bundle loaded again is skipped.
CREATE TABLE IF NOT EXISTS zhifa_bundles (
    sha256      text PRIMARY KEY,
    agency_code text NOT NULL,      -- 统一社会信用代码, or the log's origin
    agency      text NOT NULL,
    signed_by   text NOT NULL,      -- the trusted key that signed it
    exported    timestamptz NOT NULL,
    loaded      timestamptz NOT NULL DEFAULT now(),
    cases       integer NOT NULL
);

-- Each case as its agency's latest bundle tells it, by agency and case:
-- a later bundle replaces what an earlier one said (a revocation shows),
-- an earlier one loaded after it changes nothing.
CREATE TABLE IF NOT EXISTS zhifa_cases (
    agency_code     text NOT NULL,
    case_id         text NOT NULL,
    agency          text NOT NULL,
    number          text,                   -- 案号
    kind            text NOT NULL,          -- penalty licensing ...
    party           text,
    filed           date NOT NULL,
    stage           text NOT NULL,
    decided         date,                   -- of the decision, even revoked
    decision_number text,                   -- 文号
    fine_fen        bigint,
    revoked         boolean NOT NULL DEFAULT false,
    major           boolean NOT NULL DEFAULT false,  -- 重大执法决定
    reviewed        boolean NOT NULL DEFAULT false,  -- review passed
    publish_due     date,                   -- 公示 due by
    published       date,                   -- first published
    events          integer NOT NULL,
    exported        timestamptz NOT NULL,   -- of the bundle it came in
    bundle          text NOT NULL REFERENCES zhifa_bundles (sha256),
    PRIMARY KEY (agency_code, case_id)
);
CREATE INDEX IF NOT EXISTS zhifa_cases_filed ON zhifa_cases (filed);

-- Cases, decisions in force and their fines, by agency, month of filing
-- and kind of case.
CREATE OR REPLACE VIEW zhifa_cases_by_month AS
SELECT agency_code, agency, to_char(filed, 'YYYY-MM') AS month, kind,
       count(*) AS cases,
       count(*) FILTER (WHERE decided IS NOT NULL AND NOT revoked)
           AS decided,
       coalesce(sum(fine_fen) FILTER (WHERE NOT revoked), 0) AS fine_fen,
       count(*) FILTER (WHERE revoked) AS revoked
  FROM zhifa_cases
 GROUP BY agency_code, agency, month, kind;

-- Decisions in force not yet published whose publicity is overdue.
CREATE OR REPLACE VIEW zhifa_overdue_publications AS
SELECT agency_code, agency, case_id, number, decision_number, decided,
       publish_due, current_date - publish_due AS days_late
  FROM zhifa_cases
 WHERE publish_due IS NOT NULL AND published IS NULL AND NOT revoked
   AND publish_due < current_date;

-- Legal review: decisions, major decisions, and of those the ones a
-- passed review came before.
CREATE OR REPLACE VIEW zhifa_review_rates AS
SELECT agency_code, agency,
       count(*) FILTER (WHERE decided IS NOT NULL) AS decided,
       count(*) FILTER (WHERE decided IS NOT NULL AND major) AS major,
       count(*) FILTER (WHERE decided IS NOT NULL AND major AND reviewed)
           AS major_reviewed,
       round(100.0 * count(*) FILTER (WHERE decided IS NOT NULL AND major
           AND reviewed) / nullif(count(*) FILTER (WHERE decided IS NOT
           NULL AND major), 0), 1) AS review_rate
  FROM zhifa_cases
 GROUP BY agency_code, agency;
