package io.queuelens.login.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * "Logout everywhere": each ending of the user's sessions counts {@code generation} up; a session
 * authenticated in an earlier generation is over. {@code sessionsValidAfter} records when, for people.
 */
@Entity
@Table(name = "user_session_cutoff")
public class SessionCutoff {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(nullable = false)
    private long generation;

    @Column(name = "sessions_valid_after", nullable = false)
    private Instant sessionsValidAfter;

    protected SessionCutoff() {
        // for JPA
    }

    /** The user's first cut-off: their sessions until {@code at} end (the row is never without its time). */
    public SessionCutoff(Long userId, Instant at) {
        this.userId = userId;
        endGeneration(at);
    }

    /** Ends the sessions of the current generation. */
    public void endGeneration(Instant at) {
        generation++;
        sessionsValidAfter = at;
    }

    public long getGeneration() {
        return generation;
    }

    public Instant getSessionsValidAfter() {
        return sessionsValidAfter;
    }
}
