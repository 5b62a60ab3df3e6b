CREATE TABLE "canned_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "canned_responses_workspace_name_key" ON "canned_responses" USING btree ("workspace_id",lower("name"));
--> statement-breakpoint
-- Search (SPEC §13, docs/decisions.md "Search"): both are trusted extensions (a database owner
-- may create them) and PGlite ships them as contrib extensions, loaded in db/client.ts.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- Accent- and case-insensitive form of a text. The dictionary is named so the function is
-- immutable for indexes; schema-qualified so it works under any search_path.
CREATE FUNCTION switchboard_search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;--> statement-breakpoint
-- What a contact is found by: the folded name and, for WhatsApp, the number's digits alone, so
-- "+420 601", "420601" and "whatsapp:+420601…" all find it (lib/inbox/search.ts builds the terms).
CREATE FUNCTION switchboard_contact_search_key(contact_name text, external_contact_id text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT public.switchboard_search_fold(coalesce(contact_name, '')) || ' '
    || CASE WHEN external_contact_id LIKE 'whatsapp:%' THEN regexp_replace(external_contact_id, '[^0-9]', '', 'g') ELSE '' END $$;--> statement-breakpoint
CREATE INDEX conversations_contact_search_idx ON conversations
  USING gin (public.switchboard_contact_search_key(contact_name, external_contact_id) public.gin_trgm_ops) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX messages_text_search_idx ON messages USING gin (to_tsvector('simple'::regconfig, public.switchboard_search_fold(text)));
