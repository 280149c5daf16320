package dev.accord.webhook.api;

import java.util.List;

/** {@code POST /api/v1/webhooks}: where to deliver, which types, and optionally one initiative only. */
public record SubscriptionRequest(String url, List<String> types, String initiativeId) {
}
