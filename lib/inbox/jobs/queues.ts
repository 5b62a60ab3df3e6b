export const FETCH_MESSENGER_PROFILE = "messenger.fetch-profile";
export const SEND_REPLY = "reply.send";
export const AUTO_ASSIGN = "conversation.auto-assign";
