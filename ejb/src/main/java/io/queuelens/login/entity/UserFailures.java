package io.queuelens.login.entity;

import io.queuelens.login.control.LockoutPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The failed-login state of one user name (lower case), kept in the database so a lock survives a restart. */
@Entity
@Table(name = "login_user_failures")
public class UserFailures {

    @Id
    @Column(length = 100)
    private String username;

    @Column(nullable = false)
    private int failures;

    @Column(name = "window_start")
    private Instant windowStart;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(nullable = false)
    private int locks;

    protected UserFailures() {
        // for JPA
    }

    public UserFailures(String username) {
        this.username = username;
    }

    public LockoutPolicy.State state() {
        return new LockoutPolicy.State(failures, windowStart, lockedUntil, locks);
    }

    public void set(LockoutPolicy.State s) {
        this.failures = s.failures();
        this.windowStart = s.windowStart();
        this.lockedUntil = s.lockedUntil();
        this.locks = s.locks();
    }

    public String getUsername() {
        return username;
    }
}
