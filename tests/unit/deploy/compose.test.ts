import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * Docker cannot run on the machines this was built on, so the deploy files are checked by
 * reading them: the services SPEC §15 asks for, the environment every instance needs, the proxy
 * configured for Server-Sent Events, and the image's non-root user and readiness healthcheck.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Service = {
  image?: string;
  build?: { context: string; target: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown> | string[];
  volumes?: string[];
  ports?: string[];
  stop_grace_period?: string;
  deploy?: { replicas?: number };
};
const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { services } = compose;

describe("compose.yaml", () => {
  it("has PostgreSQL, two app instances, a separate worker and a reverse proxy", () => {
    expect(Object.keys(services).sort()).toEqual(["app1", "app2", "postgres", "proxy", "worker"]);
    expect(services.postgres!.image).toMatch(/^postgres:15/);
    for (const name of ["app1", "app2"]) expect(services[name]!.build).toEqual({ context: ".", target: "app" });
    expect(services.worker!.build).toEqual({ context: ".", target: "worker" });
    expect(services.proxy!.image).toMatch(/^caddy:2/);
    expect(services.proxy!.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    expect(services.proxy!.depends_on).toEqual(["app1", "app2"]);
  });

  it("gives every instance and the worker the same database and secrets, required rather than generated", () => {
    const required = ["AUTH_SECRET", "APP_SECRET_KEY", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "APP_URL"];
    const [first, ...rest] = ["app1", "app2", "worker"].map((name) => services[name]!.environment!);
    for (const env of [first!, ...rest]) {
      expect(env.NODE_ENV).toBe("production");
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/switchboard:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/switchboard$/);
      // `${NAME:?…}` makes compose refuse to start without the variable (SPEC §9: instances share them).
      for (const name of required) expect(env[name], name).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
      expect(env.TRUSTED_PROXIES).toBe("1");
      expect(env.SWITCHBOARD_DATA_DIR).toBe("/data");
      for (const name of ["METRICS_TOKEN", "RETENTION_DAYS", "RESEND_API_KEY"]) expect(env).toHaveProperty(name);
    }
    for (const env of rest) for (const name of required) expect(env[name]).toBe(first![name]);
    for (const name of ["app1", "app2", "worker"]) {
      expect(services[name]!.volumes).toContain("app-data:/data");
      expect(services[name]!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
      // Longer than the app's own 10 s shutdown, so Docker never SIGKILLs a clean stop.
      expect(parseInt(services[name]!.stop_grace_period!, 10)).toBeGreaterThan(10);
    }
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toBe("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}");
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["postgres-data", "app-data"]));
  });

  it("runs jobs in the worker, not the apps", () => {
    expect(services.app1!.environment!.SWITCHBOARD_DISABLE_WORKER).toBe("1");
    expect(services.app2!.environment!.SWITCHBOARD_DISABLE_WORKER).toBe("1");
    expect(services.worker!.environment!.SWITCHBOARD_DISABLE_WORKER).toBeUndefined();
    expect(services.worker!.deploy?.replicas).toBeGreaterThanOrEqual(1);
  });

  it("names only variables the app knows", () => {
    const known = new Set([
      ...Array.from(read("lib/env.ts").matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm), (match) => match[1]),
      // Read outside lib/env.ts: Auth.js, the data dir, the worker switch, the logger, proxies.
      "AUTH_SECRET",
      "SWITCHBOARD_DATA_DIR",
      "SWITCHBOARD_DISABLE_WORKER",
      "LOG_LEVEL",
      "TRUSTED_PROXIES",
    ]);
    for (const name of ["app1", "worker"]) for (const variable of Object.keys(services[name]!.environment!)) expect(known, variable).toContain(variable);
  });
});

describe("deploy/Caddyfile", () => {
  const caddyfile = read("deploy/Caddyfile");

  it("balances over both instances, drops those not ready, and streams SSE unbuffered", () => {
    expect(caddyfile).toMatch(/reverse_proxy app1:3000 app2:3000 \{/);
    expect(caddyfile).toMatch(/^\s*health_uri \/api\/ready$/m);
    expect(caddyfile).toMatch(/^\s*flush_interval -1$/m);
    expect(caddyfile).toMatch(/^\s*lb_try_duration \d+s$/m);
    // Nothing that would buffer or cut a long-lived stream.
    expect(caddyfile).not.toMatch(/^\s*encode\b/m);
    expect(caddyfile).not.toMatch(/read_timeout|write_timeout/);
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stage = (name: string) => dockerfile.slice(dockerfile.indexOf(` AS ${name}`)).split(/\nFROM /)[0]!;

  it("is multi-stage: dependencies and build apart from the images that run", () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(4);
    for (const name of ["deps", "build", "worker", "app"]) expect(dockerfile).toContain(` AS ${name}`);
  });

  it("runs the standalone server as a non-root user with a readiness healthcheck", () => {
    const app = stage("app");
    expect(app).toMatch(/^USER switchboard$/m);
    expect(app).toContain("COPY --from=build --chown=switchboard:switchboard /app/.next/standalone ./");
    expect(app).toContain("/app/.next/static ./.next/static");
    expect(app).toContain("/app/public ./public");
    expect(app).toMatch(/^HEALTHCHECK .*\n?.*\/api\/ready/m);
    expect(app).toMatch(/^CMD \["node", "server.js"\]$/m);
  });

  it("runs the worker as a non-root user too", () => {
    const worker = stage("worker");
    expect(worker).toMatch(/^USER switchboard$/m);
    expect(worker).toContain("scripts/worker.ts");
  });
});

describe("next.config.mjs", () => {
  it("builds the standalone output the image and the e2e suite run", () => {
    const config = read("next.config.mjs");
    expect(config).toMatch(/output: "standalone"/);
    expect(read("tests/e2e/support/start-server.sh")).toMatch(/exec node "\$\{standalone\}\/server\.js"/);
  });
});
