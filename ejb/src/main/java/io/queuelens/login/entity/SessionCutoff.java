package io.queuelens.login.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** "Logout everywhere": a session of this user that was authenticated before {@code sessionsValidAfter} is over. */
@Entity
@Table(name = "user_session_cutoff")
public class SessionCutoff {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(name = "sessions_valid_after", nullable = false)
    private Instant sessionsValidAfter;

    protected SessionCutoff() {
        // for JPA
    }

    public SessionCutoff(Long userId, Instant sessionsValidAfter) {
        this.userId = userId;
        this.sessionsValidAfter = sessionsValidAfter;
    }

    public Instant getSessionsValidAfter() {
        return sessionsValidAfter;
    }

    public void setSessionsValidAfter(Instant sessionsValidAfter) {
        this.sessionsValidAfter = sessionsValidAfter;
    }
}
