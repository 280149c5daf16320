package dev.accord.alignment.domain;

/** The score in words: ALIGNED from 80, PARTIAL from 50, MISALIGNED below, UNKNOWN without a score. */
public enum Band {
    ALIGNED,
    PARTIAL,
    MISALIGNED,
    UNKNOWN;

    public static Band of(Integer score) {
        if (score == null) {
            return UNKNOWN;
        }
        if (score >= 80) {
            return ALIGNED;
        }
        return score >= 50 ? PARTIAL : MISALIGNED;
    }
}
