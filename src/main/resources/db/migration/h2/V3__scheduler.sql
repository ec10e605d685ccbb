-- The 'scheduler' mode: one row per occurrence of a schedule that an instance fired. Several instances may
-- run against one database; each inserts the row before it runs the occurrence, and the primary key lets
-- exactly one of them succeed. Times are UTC wall-clock values, whatever the instances' time zones.

CREATE TABLE scheduler_fire (
    schedule_name VARCHAR(40)  NOT NULL,
    fire_time     TIMESTAMP(6) NOT NULL,
    target_month  CHAR(7)      NOT NULL,
    instance_id   VARCHAR(200) NOT NULL,
    started_at    TIMESTAMP(6) NOT NULL,
    -- null while the occurrence runs, or when its instance died before it ended
    finished_at   TIMESTAMP(6),
    exit_code     INT,
    PRIMARY KEY (schedule_name, fire_time)
);
