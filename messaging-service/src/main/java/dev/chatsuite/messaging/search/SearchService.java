package dev.chatsuite.messaging.search;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.caller.Caller;
import dev.chatsuite.messaging.message.MessageViews;
import dev.chatsuite.messaging.message.ReactionView;
import dev.chatsuite.messaging.message.Reactions;
import dev.chatsuite.messaging.page.Cursors;
import dev.chatsuite.messaging.page.Page;
import dev.chatsuite.messaging.participant.Participants;
import io.smallrye.mutiny.Uni;

/** {@code GET /api/search/messages}: the rules on the query, visibility, and the page. */
@ApplicationScoped
public class SearchService {

    static final int MAX_QUERY = 200;
    private final SearchRepository search;
    private final Participants participants;
    private final MessageViews views;
    private final Reactions reactions;

    public SearchService(SearchRepository search, Participants participants, MessageViews views, Reactions reactions) {
        this.reactions = reactions;
        this.search = search;
        this.participants = participants;
        this.views = views;
    }

    public Uni<Page<SearchHit>> search(Caller caller, String q, UUID conversation, String before, Integer limit, String cursor) {
        String query = q == null ? "" : q.strip();
        if (query.isEmpty()) {
            throw Cursors.invalid("q", "Must not be empty.");
        }
        if (query.codePointCount(0, query.length()) > MAX_QUERY) {
            throw Cursors.invalid("q", "At most " + MAX_QUERY + " characters.");
        }
        int size = Cursors.limit(limit);
        Cursors.ActivityPosition position = cursor == null ? null : Cursors.activityPosition(cursor);
        OffsetDateTime beforeTime = before == null ? null : time(before);
        SearchRepository.Filter filter = new SearchRepository.Filter(conversation, position == null ? null : position.activity(),
                position == null ? null : position.id(), beforeTime);
        Uni<Void> visible = conversation == null ? Uni.createFrom().voidItem()
                : participants.isParticipant(conversation, caller.userId()).map(yes -> {
                    if (!yes) {
                        throw ProblemException.notFound("No conversation with this id is visible to you.");
                    }
                    return null;
                });
        return visible.chain(() -> search.search(caller.userId(), query, filter, size + 1)).chain(found -> {
            boolean more = found.size() > size;
            List<SearchRepository.Found> page = more ? found.subList(0, size) : found;
            return reactions.of(page.stream().map(f -> f.message().id()).toList(), caller.userId()).map(counts -> toPage(page, counts, more));
        });
    }

    private Page<SearchHit> toPage(List<SearchRepository.Found> page, Map<UUID, List<ReactionView>> counts, boolean more) {
        List<SearchHit> items = new ArrayList<>(page.size());
        page.forEach(f -> items.add(new SearchHit(views.of(f.message(), counts.get(f.message().id())), f.conversationTitle(),
                Highlights.toHtml(f.headline()))));
        String next = null;
        if (more) {
            SearchRepository.Found last = page.get(page.size() - 1);
            next = Cursors.activityCursor(last.message().createdAt(), last.message().id());
        }
        return new Page<>(items, next);
    }

    private static OffsetDateTime time(String before) {
        try {
            return OffsetDateTime.parse(before);
        } catch (DateTimeParseException e) {
            throw Cursors.invalid("before", "An ISO-8601 time such as 2026-11-23T10:00:00.000Z.");
        }
    }
}
