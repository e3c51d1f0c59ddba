-- A clerk profile's store as version 1 of the program left it (schema
-- version 1, the first migration of src/core/yc-case-store.c as of commit
-- 601c62d), for tests/test-store-migration.c: one case registered, one
-- waiting in the outbox after two failed attempts, one draft. The rows are
-- those the program wrote, with the enrolment's paths and token replaced;
-- the cached catalog is left out (a station downloads it again).
BEGIN;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE catalog (version TEXT PRIMARY KEY, etag TEXT, document BLOB NOT NULL,
  fetched TEXT NOT NULL, current INTEGER NOT NULL DEFAULT 0);
CREATE TABLE cases (id TEXT PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,
  version INTEGER NOT NULL, state TEXT NOT NULL, official_no TEXT, applicant TEXT,
  problem TEXT, draft TEXT, created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE INDEX cases_updated ON cases (updated);
CREATE INDEX cases_state ON cases (state, updated);
CREATE INDEX cases_official ON cases (official_no);
CREATE TABLE events (uuid TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),
  seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, origin TEXT NOT NULL,
  data TEXT NOT NULL);
CREATE INDEX events_case ON events (case_id, seq);
CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL UNIQUE REFERENCES events (uuid), attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT, set_aside INTEGER NOT NULL DEFAULT 0, queued TEXT NOT NULL);
CREATE TABLE cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT,
  station TEXT, action TEXT NOT NULL, case_id TEXT, detail TEXT);
INSERT INTO meta VALUES ('server-url', 'https://central.example.invalid:8443');
INSERT INTO meta VALUES ('ca-file', '/var/lib/yichuang/ca.pem');
INSERT INTO meta VALUES ('station', '370112001');
INSERT INTO meta VALUES ('station-name', '历城区王舍人街道便民服务中心');
INSERT INTO meta VALUES ('clerk', '张敏');
INSERT INTO meta VALUES ('clerk-no', '01');
INSERT INTO meta VALUES ('token', '09833538b9e7f5e676fa49f84bcae89762ea94db3a31898cc5b899239eb79a41');
INSERT INTO meta VALUES ('seq-20261120', '3');
INSERT INTO cases VALUES ('370112001-01-20261120-0001', '000107009000', '补领婚姻登记证', 2, 'registered', '1137011200451234564000107009000202611200001', '李秀英', NULL, NULL, '2026-11-20T09:12:10.000000Z', '2026-11-20T09:14:05.101000Z');
INSERT INTO cases VALUES ('370112001-01-20261120-0002', '000107009000', '补领婚姻登记证', 2, 'submitted', NULL, '王建国', NULL, NULL, '2026-11-20T09:58:00.000000Z', '2026-11-20T10:02:41.870000Z');
INSERT INTO cases VALUES ('370112001-01-20261120-0003', '000107009000', '补领婚姻登记证', 2, 'draft', NULL, '赵丽', NULL, '{"code":"000107009000","version":2,"answers":{"who":"self"},"values":{"applicant_name":"赵丽","applicant_phone":"13705312468"},"materials":{"id-card":"received"}}', '2026-11-20T10:30:00.000000Z', '2026-11-20T10:31:12.000000Z');
INSERT INTO events VALUES ('dffac1af-5b96-493e-a2a7-1883132edddb', '370112001-01-20261120-0001', 1, 'intake', '2026-11-20T09:14:03.520000Z', 'local', '{"uuid":"dffac1af-5b96-493e-a2a7-1883132edddb","case":"370112001-01-20261120-0001","type":"intake","at":"2026-11-20T09:14:03.520000Z","actor":"张敏","station":"370112001","data":{"form":{"code":"000107009000","version":2,"answers":{"who":"self"},"values":{"applicant_name":"李秀英","applicant_id":"11010519491231002X","applicant_birth":"1949-12-31","applicant_phone":"13905310001"},"materials":{"id-card":"received","photo":"received","register-proof":"missing"}},"decision":"rongque","situation":"当事人本人办理"}}');
INSERT INTO events VALUES ('a6ac46d8-836d-4c27-b0be-3f835443849a', '370112001-01-20261120-0001', 2, 'registered', '2026-11-20T09:14:05.101000Z', 'remote', '{"uuid":"a6ac46d8-836d-4c27-b0be-3f835443849a","case":"370112001-01-20261120-0001","type":"registered","at":"2026-11-20T09:14:05.101000Z","actor":"yichuang-central","station":"370112001","data":{"official_no":"1137011200451234564000107009000202611200001","department":"济南市历城区民政局"}}');
INSERT INTO events VALUES ('5d0f3c52-8f1e-4a37-9a51-0b5f6d2e7c10', '370112001-01-20261120-0002', 1, 'intake', '2026-11-20T10:02:41.870000Z', 'local', '{"uuid":"5d0f3c52-8f1e-4a37-9a51-0b5f6d2e7c10","case":"370112001-01-20261120-0002","type":"intake","at":"2026-11-20T10:02:41.870000Z","actor":"张敏","station":"370112001","data":{"form":{"code":"000107009000","version":2,"answers":{"who":"self"},"values":{"applicant_name":"王建国","applicant_id":"370112198001010018","applicant_birth":"1980-01-01","applicant_phone":"13805319876"},"materials":{"id-card":"received","photo":"received","register-proof":"received"}},"decision":"accept","situation":"当事人本人办理"}}');
INSERT INTO outbox (uuid, attempts, last_error, set_aside, queued) VALUES ('5d0f3c52-8f1e-4a37-9a51-0b5f6d2e7c10', 2, 'The central service cannot be reached: Connection refused', 0, '2026-11-20T10:02:41.870000Z');
INSERT INTO cursors VALUES ('changes', '2');
INSERT INTO audit (at, actor, station, action, case_id, detail) VALUES ('2026-11-19T16:40:00.000000Z', '张敏', '370112001', 'enrolled', NULL, 'https://central.example.invalid:8443');
INSERT INTO audit (at, actor, station, action, case_id, detail) VALUES ('2026-11-20T09:12:10.000000Z', '张敏', '370112001', 'draft-created', '370112001-01-20261120-0001', '000107009000');
INSERT INTO audit (at, actor, station, action, case_id, detail) VALUES ('2026-11-20T09:14:03.520000Z', '张敏', '370112001', 'submitted', '370112001-01-20261120-0001', 'rongque');
INSERT INTO audit (at, actor, station, action, case_id, detail) VALUES ('2026-11-20T09:58:00.000000Z', '张敏', '370112001', 'draft-created', '370112001-01-20261120-0002', '000107009000');
INSERT INTO audit (at, actor, station, action, case_id, detail) VALUES ('2026-11-20T10:02:41.870000Z', '张敏', '370112001', 'submitted', '370112001-01-20261120-0002', 'accept');
INSERT INTO audit (at, actor, station, action, case_id, detail) VALUES ('2026-11-20T10:30:00.000000Z', '张敏', '370112001', 'draft-created', '370112001-01-20261120-0003', '000107009000');
PRAGMA user_version=1;
COMMIT;
