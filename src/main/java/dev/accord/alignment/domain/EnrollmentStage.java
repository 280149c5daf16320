package dev.accord.alignment.domain;

/** The five stages of conversation, in the order none of them may be skipped. */
public enum EnrollmentStage {
    RELATIONSHIP(1),
    POSSIBILITY(2),
    PATHWAY(3),
    ACTION(4),
    COMPLETION(5);

    private final int number;

    EnrollmentStage(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static EnrollmentStage of(int number) {
        return values()[number - 1];
    }
}
