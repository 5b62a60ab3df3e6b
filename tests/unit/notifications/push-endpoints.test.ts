import { describe, expect, it } from "vitest";
import { pushEndpointRefusal } from "@/lib/notifications/push-endpoints";

const none = {};

describe("pushEndpointRefusal", () => {
  it.each([
    "https://fcm.googleapis.com/fcm/send/abc:def",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
    "https://push.services.mozilla.com.example.push.services.mozilla.com/x",
    "https://web.push.apple.com/QGuQ",
    "https://api.push.apple.com/3/device/x",
    "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
    "https://FCM.googleapis.com:443/fcm/send/x",
  ])("lets the server push to the known push service at %s", (endpoint) => {
    expect(pushEndpointRefusal(endpoint, none)).toBeNull();
  });

  it.each([
    ["http", "http://fcm.googleapis.com/fcm/send/x", "not_https"],
    ["a ws URL", "wss://fcm.googleapis.com/x", "not_https"],
    ["javascript:", "javascript:alert(1)", "not_https"],
    ["a file URL", "file:///etc/passwd", "not_https"],
    ["no URL", "push-service/123", "malformed"],
    ["credentials in the URL", "https://user:pw@fcm.googleapis.com/x", "malformed"],
    ["loopback", "https://127.0.0.1/push", "not_a_push_service"],
    ["loopback as a number", "https://2130706433/push", "not_a_push_service"],
    ["IPv6 loopback", "https://[::1]/push", "not_a_push_service"],
    ["a private range", "https://10.0.0.5/push", "not_a_push_service"],
    ["another private range", "https://192.168.1.1/push", "not_a_push_service"],
    ["the cloud metadata address", "https://169.254.169.254/latest/meta-data", "not_a_push_service"],
    ["localhost", "https://localhost/push", "not_a_push_service"],
    ["an unknown host", "https://evil.example/push", "not_a_push_service"],
    ["a look-alike suffix", "https://fcm.googleapis.com.evil.example/push", "not_a_push_service"],
    ["a bare wildcard domain", "https://push.apple.com/x", "not_a_push_service"],
    ["a known host on another port", "https://fcm.googleapis.com:8443/x", "not_a_push_service"],
  ])("refuses %s", (_, endpoint, reason) => {
    expect(pushEndpointRefusal(endpoint, none)).toBe(reason);
  });

  it("adds the hosts PUSH_SERVICE_HOSTS lists, exactly, with or without a port", () => {
    const env = { PUSH_SERVICE_HOSTS: " push.internal.example , 127.0.0.1:4443,*.push.example.test,[::1]" };
    expect(pushEndpointRefusal("https://push.internal.example/x", env)).toBeNull();
    expect(pushEndpointRefusal("https://push.internal.example:9000/x", env)).toBeNull();
    expect(pushEndpointRefusal("https://127.0.0.1:4443/x", env)).toBeNull();
    expect(pushEndpointRefusal("https://127.0.0.1:4444/x", env)).toBe("not_a_push_service");
    expect(pushEndpointRefusal("https://127.0.0.2:4443/x", env)).toBe("not_a_push_service");
    expect(pushEndpointRefusal("https://a.push.example.test/x", env)).toBeNull();
    expect(pushEndpointRefusal("https://[::1]/x", env)).toBeNull();
    expect(pushEndpointRefusal("http://127.0.0.1:4443/x", env)).toBe("not_https");
    expect(pushEndpointRefusal("https://other.internal.example/x", env)).toBe("not_a_push_service");
  });
});
