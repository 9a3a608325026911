package dev.chatsuite.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "profile")
public class Profile extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "display_name")
    public String displayName;

    public String bio;

    public String location;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> links;

    @Column(name = "avatar_media_id")
    public UUID avatarMediaId;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
