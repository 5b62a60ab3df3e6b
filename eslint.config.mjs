import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".next-*/**", ".data/**", "node_modules/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    // Entry points own the connection and the transaction: a lib function never opens the
    // database itself (inside a transaction that deadlocks PGlite's one connection, and on
    // postgres.js it silently runs outside the transaction).
    files: ["lib/**"],
    ignores: [
      // Entry points: server start, readiness, shutdown and next-intl's request config own the process's database handle.
      "lib/server/**",
      // Entry points the frameworks call: Auth.js callbacks and the server-action wrapper.
      "lib/auth/index.ts",
      "lib/auth/authed-action.ts",
      // Process-wide LISTEN subscriptions: they need the handle's connection (`listen`), not an Executor.
      "lib/realtime/bus.ts",
      "lib/apps/installed-app.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/db|(\\.\\./)+db)(/index(\\.ts)?)?$",
              message: "lib functions take `db: Executor` first; entry points call getDb(). Import types and queryRows from @/db/client.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pages load their own data through named loaders in lib/ (docs/architecture.md):
    // a component renders what it is given and never opens the database.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/db/index$",
              message: "Components render what their page loaded: call a lib/ loader from the page and pass the data down.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
