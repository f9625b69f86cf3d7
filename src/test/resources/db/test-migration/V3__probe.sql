-- A test-only V3 (MigrationsTest): the kind of change a later release makes over a database of the current version that holds data.
-- A new column with a default on a table with rows, one on a table the stores read with "SELECT w.*", and a
-- new table with a foreign key to an old one. Plain SQL that H2 and PostgreSQL both run, as every migration.
ALTER TABLE learners ADD COLUMN probe_note VARCHAR(32) DEFAULT 'from-v3' NOT NULL;
ALTER TABLE workshops ADD COLUMN probe_flag BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE probe_badges (
    learner_id VARCHAR(32) NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
    badge      VARCHAR(32) NOT NULL,
    PRIMARY KEY (learner_id, badge)
);
