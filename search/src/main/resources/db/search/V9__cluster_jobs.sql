-- Which node runs each once-per-cluster job (a pull source, the reminder schedule) and until when: ShedLock's table.
-- A node that dies holding a job gives it up when lock_until passes.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
