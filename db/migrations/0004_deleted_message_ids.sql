CREATE TABLE "deleted_message_ids" (
	"app_id" uuid NOT NULL,
	"provider_message_id" text NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deleted_message_ids_app_id_provider_message_id_pk" PRIMARY KEY("app_id","provider_message_id")
);
--> statement-breakpoint
ALTER TABLE "deleted_message_ids" ADD CONSTRAINT "deleted_message_ids_app_id_messaging_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."messaging_apps"("id") ON DELETE cascade ON UPDATE no action;