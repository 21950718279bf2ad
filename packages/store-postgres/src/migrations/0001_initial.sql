-- chatcart's tables. Unqualified names: migrate() runs this with search_path set to the configured schema,
-- so the same file installs into `chatcart` or into any schema a host picks.
--
-- Conventions: organization_id leads every primary key and index; ids compare byte-wise (COLLATE "C") so
-- keyset pages order exactly as the in-memory stores do; money is bigint minor units with its currency
-- beside it; times are timestamptz holding whole milliseconds; nested parts of an aggregate are jsonb.

-- Epoch milliseconds ↔ timestamptz, exact over the whole range the domain allows (day and millisecond
-- arithmetic on a UTC timestamp, numeric epoch; no floating point). Both are plain SQL functions the planner
-- inlines; timestamptz_to_ms is STABLE because extract() on timestamptz is, and a function declared
-- stricter than its body would not be inlined.
CREATE FUNCTION ms_to_timestamptz(ms bigint) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (timestamp '1970-01-01' + (ms / 86400000) * interval '1 day'
                + (ms % 86400000) * interval '1 millisecond') AT TIME ZONE 'UTC' $$;

CREATE FUNCTION timestamptz_to_ms(ts timestamptz) RETURNS bigint
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  AS $$ SELECT (extract(epoch FROM ts) * 1000)::bigint $$;

CREATE TABLE orders (
  organization_id       text COLLATE "C" NOT NULL,
  id                    text COLLATE "C" NOT NULL,
  version               integer NOT NULL CHECK (version >= 1),
  customer_id           text COLLATE "C" NOT NULL,
  status                text NOT NULL,
  currency              text NOT NULL,
  total_minor           bigint NOT NULL,
  items                 jsonb NOT NULL,
  tracking_number       text,
  cancellation_reason   text,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  confirmed_at          timestamptz,
  processing_started_at timestamptz,
  shipped_at            timestamptz,
  delivered_at          timestamptz,
  cancelled_at          timestamptz,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX orders_newest ON orders (organization_id, created_at DESC, id DESC);
CREATE INDEX orders_by_customer ON orders (organization_id, customer_id, created_at DESC, id DESC);

CREATE TABLE invoices (
  organization_id     text COLLATE "C" NOT NULL,
  id                  text COLLATE "C" NOT NULL,
  version             integer NOT NULL CHECK (version >= 1),
  invoice_number      text NOT NULL,
  order_id            text COLLATE "C" NOT NULL,
  customer_id         text COLLATE "C" NOT NULL,
  status              text NOT NULL,
  currency            text NOT NULL,
  total_minor         bigint NOT NULL,
  paid_minor          bigint NOT NULL,
  payment_terms_days  integer NOT NULL,
  lines               jsonb NOT NULL,
  payments            jsonb NOT NULL,
  due_at              timestamptz,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  issued_at           timestamptz,
  paid_at             timestamptz,
  voided_at           timestamptz,
  void_reason         text,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX invoices_newest ON invoices (organization_id, created_at DESC, id DESC);
CREATE INDEX invoices_by_customer ON invoices (organization_id, customer_id, created_at DESC, id DESC);
-- An order has at most one invoice that is not VOID: two racing "invoice this order" commands cannot both win.
CREATE UNIQUE INDEX invoices_one_live_per_order ON invoices (organization_id, order_id) WHERE status <> 'VOID';

CREATE TABLE reminders (
  organization_id  text COLLATE "C" NOT NULL,
  id               text COLLATE "C" NOT NULL,
  version          integer NOT NULL CHECK (version >= 1),
  type             text NOT NULL,
  customer_id      text COLLATE "C" NOT NULL,
  customer_phone   text NOT NULL,
  message          text NOT NULL,
  status           text NOT NULL,
  attempts         integer NOT NULL,
  max_attempts     integer NOT NULL,
  last_error       text,
  reference_kind   text,
  reference_id     text COLLATE "C",
  scheduled_for    timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  cancelled_at     timestamptz,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX reminders_soonest ON reminders (organization_id, scheduled_for, id);
CREATE INDEX reminders_by_reference ON reminders (organization_id, reference_id) WHERE reference_id IS NOT NULL;
-- The sweeper's one cross-organization read: pending reminders by due time.
CREATE INDEX reminders_pending_due ON reminders (scheduled_for, id, organization_id) WHERE status = 'PENDING';

CREATE TABLE campaigns (
  organization_id      text COLLATE "C" NOT NULL,
  id                   text COLLATE "C" NOT NULL,
  version              integer NOT NULL CHECK (version >= 1),
  name                 text NOT NULL,
  type                 text NOT NULL,
  status               text NOT NULL,
  message_template     text NOT NULL,
  audience             jsonb NOT NULL,
  metrics              jsonb NOT NULL,
  scheduled_at         timestamptz,
  started_at           timestamptz,
  paused_at            timestamptz,
  completed_at         timestamptz,
  cancelled_at         timestamptz,
  cancellation_reason  text,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE INDEX campaigns_newest ON campaigns (organization_id, created_at DESC, id DESC);

CREATE TABLE customers (
  organization_id       text COLLATE "C" NOT NULL,
  id                    text COLLATE "C" NOT NULL,
  version               integer NOT NULL CHECK (version >= 1),
  phone                 text NOT NULL,
  name                  text,
  locale                text,
  tags                  text[] NOT NULL,
  consent               text NOT NULL,
  opted_in_at           timestamptz,
  opted_out_at          timestamptz,
  opt_out_reason        text,
  total_spent_minor     bigint,
  total_spent_currency  text,
  order_count           integer NOT NULL,
  last_order_at         timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  PRIMARY KEY (organization_id, id),
  CHECK ((total_spent_minor IS NULL) = (total_spent_currency IS NULL))
);
CREATE UNIQUE INDEX customers_phone ON customers (organization_id, phone);
-- Campaign audiences: opted-in customers of an organization in id order, the keyset every audience page
-- walks; the other filters are checked on the rows it reaches, so a page costs one short index range.
CREATE INDEX customers_audience ON customers (organization_id, id) WHERE consent = 'OPTED_IN';

CREATE TABLE products (
  organization_id  text COLLATE "C" NOT NULL,
  id               text COLLATE "C" NOT NULL,
  version          integer NOT NULL CHECK (version >= 1),
  sku              text NOT NULL,
  -- The SKU as it is compared (lower-cased by the application, exactly as the in-memory catalog does).
  sku_key          text COLLATE "C" NOT NULL,
  name             text NOT NULL,
  aliases          text[] NOT NULL,
  price_minor      bigint NOT NULL,
  currency         text NOT NULL,
  stock            integer,
  active           boolean NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (organization_id, id)
);
CREATE UNIQUE INDEX products_sku ON products (organization_id, sku_key);
CREATE INDEX products_sku_order ON products (organization_id, sku_key, id);

-- Gap-free invoice numbers: one counter row per organization and series, incremented in the caller's
-- transaction, so the row lock orders concurrent issuers and a rollback gives the number back.
CREATE TABLE invoice_number_counters (
  organization_id  text COLLATE "C" NOT NULL,
  series           text COLLATE "C" NOT NULL,
  last_number      bigint NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (organization_id, series)
);

-- Events written in the same transaction as the state change, waiting for the relay. `position` is the
-- order written; `claimed_until` is the relay's lease. Relayed rows are deleted.
CREATE TABLE outbox (
  position         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id               text COLLATE "C" NOT NULL UNIQUE,
  organization_id  text COLLATE "C" NOT NULL,
  topic            text NOT NULL,
  payload          jsonb NOT NULL,
  occurred_at      timestamptz NOT NULL,
  claimed_until    timestamptz
);
CREATE INDEX outbox_oldest ON outbox (occurred_at, position);
CREATE INDEX outbox_by_organization ON outbox (organization_id, occurred_at);
