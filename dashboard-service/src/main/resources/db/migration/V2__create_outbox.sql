-- The transactional outbox: every product change, written in the transaction that makes it, waiting to reach
-- product-service. A row is deleted once product-service has acknowledged it, so the table is the backlog.

create table outbox_event (
    id              uuid         primary key,
    product_id      uuid         not null,
    -- create, update or delete: which product.v1.ProductReceiverService rpc carries it
    change          varchar(10)  not null check (change in ('create', 'update', 'delete')),
    product_version bigint       not null,
    -- The product.v1 request message to send, serialised as protobuf.
    payload         bytea        not null,
    created_at      timestamptz  not null,
    -- Delivery attempts started so far. 0 until the first attempt claims the row.
    attempts        integer      not null default 0 check (attempts >= 0),
    -- When the next attempt may start. While an attempt runs, the end of its lease: if the process dies
    -- mid-attempt, any relay may claim the row again once this time has passed.
    next_attempt_at timestamptz  not null,
    last_error      varchar(500),
    -- Set when the event has exhausted its attempts or was refused for good; the relay leaves it alone
    -- until an operator retries it.
    failed_at       timestamptz
);

-- What the relay polls: pending events that are due.
create index outbox_event_due_idx on outbox_event (next_attempt_at) where failed_at is null;
-- What operators list: failed events, oldest first.
create index outbox_event_failed_idx on outbox_event (created_at, id) where failed_at is not null;
-- Whether a change of a product is still on its way (reconciliation).
create index outbox_event_product_idx on outbox_event (product_id);
