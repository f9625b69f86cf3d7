-- Which node runs which learner's lab host, so that the dashboard of any node shows it and can watch it
-- (docs/scaling.md). The node that runs a lab host writes its row when it starts, deletes it when it ends, and
-- refreshes it (state, last activity, seen_at) every 15 seconds; a row not seen for a minute is a lost node's
-- and is not shown. One row per learner: a learner has at most one lab host.
CREATE TABLE lab_hosts (
    learner_id     VARCHAR(32)  PRIMARY KEY REFERENCES learners (id) ON DELETE CASCADE,
    session_id     VARCHAR(100) NOT NULL,
    node           VARCHAR(100) NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    watch_url      VARCHAR(400) NOT NULL,
    last_active_at TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX lab_hosts_by_node ON lab_hosts (node);
