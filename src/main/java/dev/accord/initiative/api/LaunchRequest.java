package dev.accord.initiative.api;

import java.util.List;

/**
 * POST /initiatives. {@code targetDate} is a date (2027-06-30) or an instant with offset;
 * {@code launchedAt}, when the initiative began if it is recorded after the fact.
 */
public record LaunchRequest(String title, String strategy, PersonRequest sponsor, List<String> units,
                            String targetDate, String launchedAt) {
}
