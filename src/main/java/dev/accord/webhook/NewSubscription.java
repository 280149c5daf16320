package dev.accord.webhook;

import dev.accord.initiative.domain.Rejection;
import dev.accord.initiative.domain.Rejection.FieldError;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A subscription as asked for, once every field has been checked: what passes here can be
 * stored and delivered to. Every problem is reported at once, each naming its field.
 */
public record NewSubscription(URI url, List<String> types, Optional<UUID> initiativeId) {

    public static final int MAX_URL_LENGTH = 2048;
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** @throws Rejection.Invalid naming each field that is missing or wrong */
    public static NewSubscription of(String url, List<String> types, String initiativeId) {
        List<FieldError> errors = new ArrayList<>();
        URI target = url(url, errors);
        List<String> named = types(types, errors);
        Optional<UUID> initiative = initiativeId(initiativeId, errors);
        if (!errors.isEmpty()) {
            throw new Rejection.Invalid(errors);
        }
        return new NewSubscription(target, named, initiative);
    }

    private static URI url(String url, List<FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "is required: the absolute http or https URL to deliver to"));
            return null;
        }
        if (url.length() > MAX_URL_LENGTH) {
            errors.add(new FieldError("url", "must be at most " + MAX_URL_LENGTH + " characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", "is not a URL: " + e.getReason()));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            errors.add(new FieldError("url", "must be an absolute http or https URL with a host"));
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(new FieldError("url", "must not carry credentials: it is shown to every admin, and the"
                    + " signature is what proves a delivery came from Accord"));
            return null;
        }
        if (uri.getRawFragment() != null) {
            errors.add(new FieldError("url", "must not have a fragment: it is never sent"));
            return null;
        }
        return uri;
    }

    private static List<String> types(List<String> types, List<FieldError> errors) {
        int most = WebhookTypes.known().size();
        if (types == null || types.isEmpty()) {
            errors.add(new FieldError("types", "must name at least one type, e.g. accord.BandChanged.v1"));
            return List.of();
        }
        if (types.size() > most) {
            errors.add(new FieldError("types", "must name at most " + most + " types (there are no more)"));
            return List.of();
        }
        Set<String> named = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (type == null || !WebhookTypes.isKnown(type)) {
                errors.add(new FieldError("types[" + i + "]", (type == null ? "null" : "'" + shortened(type) + "'")
                        + " is not a type Accord publishes: a domain event (accord.<Name>.v1), "
                        + WebhookTypes.STATE_CHANGED + " or a signal"));
            } else if (!named.add(type)) {
                errors.add(new FieldError("types[" + i + "]", type + " is listed twice"));
            }
        }
        return List.copyOf(named);
    }

    private static Optional<UUID> initiativeId(String initiativeId, List<FieldError> errors) {
        if (initiativeId == null) {
            return Optional.empty();
        }
        if (!CANONICAL_UUID.matcher(initiativeId).matches()) {
            errors.add(new FieldError("initiativeId", "must be an initiative id (a UUID), or absent for every initiative"));
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(initiativeId));
    }

    private static String shortened(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
