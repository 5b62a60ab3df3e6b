// Tests import every factory from one place; this is test code, so bundling (STYLE.md) doesn't apply.
export { createWorkspace, type CreateWorkspaceOptions } from "./workspace";
export { createUser, actorOf, subjectOf, DEFAULT_PASSWORD, type CreateUserOptions } from "./user";
export { createApp, type CreateAppOptions, type CreatedApp, type CredentialsOf } from "./app";
export { createConversation, type CreateConversationOptions } from "./conversation";
export { createMessage, type CreateMessageOptions } from "./message";
