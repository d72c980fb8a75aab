-- The kind of cause a post-mortem settles on (provider network, capacity, deploy, ...), for analytics across incidents.
alter table postmortem add column cause varchar(64);
