package dev.chatsuite.media.catalog;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The two row operations on every upload's and every read's path, each one SQL statement on
 * the reactive pool with no Hibernate session or transaction around it (docs/decisions.md).
 * Everything else on media rows is {@link MediaRepository}.
 */
@ApplicationScoped
public class MediaRows {

    private static final String COLUMNS = "id, owner_id, purpose, filename, content_type, size, width, height, etag,"
            + " thumbnail_type, thumbnail_size, thumbnail_etag, created_at";
    private static final String INSERT = "INSERT INTO media (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM media WHERE id = $1";
    private final Pool sql;

    public MediaRows(Pool sql) {
        this.sql = sql;
    }

    /** The row of {@code id}, or null. */
    public Uni<Media> lookup(UUID id) {
        return sql.preparedQuery(SELECT).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : fromRow(rows.iterator().next()));
    }

    /** Writes a new row in one statement on its own (autocommit). */
    public Uni<Void> insert(Media row) {
        return sql.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(row.id, row.ownerId, row.purpose, row.filename, row.contentType,
                row.size, row.width, row.height, row.etag, row.thumbnailType, row.thumbnailSize, row.thumbnailEtag,
                row.createdAt.atOffset(ZoneOffset.UTC)))).replaceWithVoid();
    }

    private static Media fromRow(Row row) {
        Media media = new Media();
        media.id = row.getUUID("id");
        media.ownerId = row.getUUID("owner_id");
        media.purpose = row.getString("purpose");
        media.filename = row.getString("filename");
        media.contentType = row.getString("content_type");
        media.size = row.getLong("size");
        media.width = row.getInteger("width");
        media.height = row.getInteger("height");
        media.etag = row.getString("etag");
        media.thumbnailType = row.getString("thumbnail_type");
        media.thumbnailSize = row.getLong("thumbnail_size");
        media.thumbnailEtag = row.getString("thumbnail_etag");
        media.createdAt = row.getOffsetDateTime("created_at").toInstant();
        return media;
    }
}
