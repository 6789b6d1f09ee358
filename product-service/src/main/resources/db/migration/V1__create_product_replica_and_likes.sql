-- The replica of the dashboard's products, keyed by the dashboard's product id.
-- Every change carries the dashboard's version; a row only ever moves to a higher version.
-- A deleted product stays as a tombstone (deleted = true) that keeps the delete's version, so that an older
-- create or update arriving after the delete cannot bring the product back.
create table product (
    id         uuid         primary key,
    title      varchar(200),
    image      varchar(200) not null default '',
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    version    bigint       not null,
    deleted    boolean      not null default false,
    -- A tombstone for a product whose create never arrived has no title (and an empty image).
    constraint product_live_has_title check (deleted or title is not null)
);

-- Lists show live products oldest first, then by id for a stable order among products created in the same instant.
create index product_live_by_creation on product (created_at, id) where not deleted;

-- Who liked which product. A row exists only once the dashboard has counted the like.
create table product_like (
    product_id uuid        not null references product (id),
    user_id    uuid        not null,
    created_at timestamptz not null default now(),
    primary key (product_id, user_id)
);
