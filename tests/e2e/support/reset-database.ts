import postgres from "postgres";

/**
 * Drops and recreates one database on the DATABASE_URL server and prints its URL, so the
 * e2e server starts from nothing but migrations and the demo seed.
 */
const name = process.argv[2] ?? "switchboard_e2e";
if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
const url = process.env.DATABASE_URL;
if (!url) throw new Error("reset-database needs DATABASE_URL");

const admin = postgres(url, { max: 1, onnotice: () => {} });
try {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
} finally {
  await admin.end();
}
const target = new URL(url);
target.pathname = `/${name}`;
console.log(target.toString());
