package dev.chatsuite.auth.credential;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A login: one refresh-token family. Its id is the {@code sid} claim of the access tokens it yields. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "user_agent")
    public String userAgent;

    public String ip;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
