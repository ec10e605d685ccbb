-- The embedded database's stand-in for MySQL's GET_LOCK (close/MonthLock): one row per lock name, locked with
-- SELECT ... FOR UPDATE NOWAIT by a connection that keeps its transaction open for the whole close. H2 releases
-- the row lock when that session ends, also when its process dies, so a lock that can be taken proves no live
-- process holds it. With AUTO_SERVER=TRUE every process that opens the file shares one engine and its locks.
-- (MySQL and MariaDB need no table: the next migration there is V5 too.)

CREATE TABLE month_lock (
    lock_name VARCHAR(100) NOT NULL PRIMARY KEY
);
