-- Users, products and who liked what. The dashboard is the source of truth for all three.

create table app_user (
    id         uuid        primary key,
    created_at timestamptz not null
);

-- Lists are ordered by creation time, then id (see Paging.byCreationTime).
create index app_user_created_at_id_idx on app_user (created_at, id);

create table product (
    id         uuid         primary key,
    title      varchar(200) not null,
    image      varchar(200) not null default '',
    -- Changed only by atomic SQL (likes = likes + 1) or by an explicit edit, never read-modify-write.
    likes      bigint       not null check (likes >= 0),
    created_at timestamptz  not null,
    updated_at timestamptz  not null,
    -- Grows with every edit; product-service uses it to apply changes in order.
    version    bigint       not null
);

create index product_created_at_id_idx on product (created_at, id);

-- One row per (product, user): the primary key is what makes a like count once.
create table product_like (
    product_id uuid        not null references product (id) on delete cascade,
    user_id    uuid        not null references app_user (id),
    created_at timestamptz not null,
    primary key (product_id, user_id)
);

create index product_like_user_id_idx on product_like (user_id);
