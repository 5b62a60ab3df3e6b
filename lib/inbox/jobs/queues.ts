export const FETCH_MESSENGER_PROFILE = "messenger.fetch-profile";
