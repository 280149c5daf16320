package dev.accord.initiative.domain;

/**
 * How a person answers a possibility, from enrollment (they made it or own it) to buy-in
 * (they accept what they do not own) and refusal.
 */
public enum Stance {
    CO_CREATED,
    OWNS,
    BUYS_IN,
    HAS_CONCERNS,
    DECLINES
}
