package dev.accord.initiative.domain;

/** A commitment request is open until it is declined or promised (answered by a commitment). */
public enum RequestStatus {
    OPEN,
    DECLINED,
    PROMISED
}
