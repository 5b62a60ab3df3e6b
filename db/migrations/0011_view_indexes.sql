DROP INDEX "conversations_view_idx";--> statement-breakpoint
DROP INDEX "conversations_app_view_idx";--> statement-breakpoint
CREATE INDEX "conversations_app_unassigned_idx" ON "conversations" USING btree ("app_id","last_activity_at","id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'open' and "conversations"."assignee_id" is null;--> statement-breakpoint
CREATE INDEX "conversations_app_assignee_idx" ON "conversations" USING btree ("app_id","assignee_id","last_activity_at","id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'open' and "conversations"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "conversations_app_assigned_idx" ON "conversations" USING btree ("app_id","last_activity_at","id","assignee_id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'open' and "conversations"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "conversations_app_closed_idx" ON "conversations" USING btree ("app_id","last_activity_at","id") WHERE "conversations"."deleted_at" is null and "conversations"."status" = 'closed';--> statement-breakpoint
-- Live streams cache what their user reaches (lib/realtime/audience.ts); these triggers tell
-- them, in the changing transaction, that it may have changed. Hand-written: drizzle has no
-- triggers. Payloads follow realtimeEventSchema's "access.changed".
CREATE FUNCTION switchboard_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  workspace uuid;
BEGIN
  IF TG_TABLE_NAME = 'app_access' THEN
    SELECT workspace_id INTO workspace FROM messaging_apps WHERE id = COALESCE(NEW.app_id, OLD.app_id);
  ELSE
    workspace := COALESCE(NEW.workspace_id, OLD.workspace_id);
  END IF;
  PERFORM pg_notify('switchboard_events', json_build_object('type', 'access.changed', 'workspaceId', workspace)::text);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER users_access_changed AFTER UPDATE OF is_active, role, workspace_id OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION switchboard_access_changed();--> statement-breakpoint
CREATE TRIGGER app_access_changed AFTER INSERT OR DELETE ON app_access
  FOR EACH ROW EXECUTE FUNCTION switchboard_access_changed();--> statement-breakpoint
CREATE TRIGGER messaging_apps_access_changed AFTER INSERT OR DELETE OR UPDATE OF access_mode, installer_id, uninstalled_at ON messaging_apps
  FOR EACH ROW EXECUTE FUNCTION switchboard_access_changed();
