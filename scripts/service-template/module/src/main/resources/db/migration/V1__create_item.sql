-- The items of __name__-service (the example it was generated with). Flyway owns the schema; add V2__... next.

create table item (
    id         uuid         primary key,
    name       varchar(200) not null,
    created_at timestamptz  not null
);
