### Redraft's messages in English.
###
### One file per language, named by its tag (fr.ftl, en.ftl, de.ftl, pt-BR.ftl): adding a
### file adds the language. Each file defines every message below, each with the same
### variables ($count…); `cargo test` checks that, and that nothing is left over.
###
### Vocabulary: a line of a text (paragraph, heading or list item) is a "paragraph",
### numbered "¶ 12"; "line" is kept for printed line numbers ("l. 171") only, so that one
### word never means two numbers.
### $count, $width, $bytes, $max, $min are quantities: select on them for plurals
### (CLDR categories: one, other…); they show with the digit grouping below.

## The language itself

# The language's own name, on the language switch.
language-name = English
# Between groups of three digits (20,000).
digit-group-separator = ,
# A moment in Paris time. $day and $month are numbers; $hour and $minute have two digits.
date-time =
    { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }, { $hour }:{ $minute }
# Between the fields of the CSV export: English spreadsheets expect a comma.
csv-separator = ,
# Between the items of a list in a sentence.
list-separator = {"; "}

## Page frame

site-name = Redraft
skip-to-content = Skip to content
main-navigation = Main navigation
language = Language
nav-texts = Texts
nav-publish = Publish a text
log-in = Log in
log-out = Log out
footer-about = Redraft: texts written together, every amendment traced to the final text.

## Home

home-title = Texts
home-lead = Texts being written: read them, propose amendments, follow what becomes of them.
home-empty = No text has been published yet.
revision-number = revision { $revision }
open-amendments-count =
    { $count ->
        [one] { $count } open amendment
       *[other] { $count } open amendments
    }
members-only = members only
updated-on = updated

## A text

text-navigation = This text
nav-text = Text
nav-amendments = Amendments
nav-history = History
nav-review = Review amendments
nav-edit = Edit the text
old-revision = Old revision.
see-head = See the current revision ({ $revision })
export = Export:
amendments-csv = amendments (CSV)
hint-tap-paragraphs = Select a paragraph number, then another to choose a passage, and propose your amendment.
hint-log-in-to-amend = Log in to propose amendments: each paragraph number opens the form.
amend-paragraph = Amend paragraph { $start }
amend-paragraphs = Amend paragraphs { $start } to { $end }
# The printed line numbers beside the text (rule 10): here "line" is right.
printed-line-title =
    { $width ->
        [one] Printed line ({ $width } character per line)
       *[other] Printed line ({ $width } characters per line)
    }
amendments-on-paragraph =
    { $count ->
        [one] { $count } amendment on paragraph { $paragraph }
       *[other] { $count } amendments on paragraph { $paragraph }
    }
clear-selection = Clear selection
append-at-end = Propose an addition at the end of the text

## Amendments

amendments-title = Amendments
amendments-on-paragraph-title = Amendments on paragraph { $paragraph }
all-amendments = All amendments
no-amendments = No amendments.
by-author = by { $author }
anchor-insert-before = insertion before ¶ { $paragraph }
anchor-paragraph = ¶ { $paragraph }
anchor-paragraphs = ¶ { $start }–{ $end }
amendment-title = Amendment { $reference }
outdated-explanation = The text changed in the paragraphs this amendment targets: its author must re-anchor it on the current revision before it can be reviewed.
proposal = Proposal
accepted-version = Version accepted by the drafters
accepted-version-explanation = The drafters accepted this amendment with their own wording; the original proposal stays visible above.
rationale = Rationale
your-amendment = Your amendment
edit-amendment = Edit
reanchor = Re-anchor on the current revision
withdraw = Withdraw the amendment
decision = Decision
history-of-amendment = History
decision-note = Note (optional, visible to all)
accept-modified-toggle = Accept with other wording
modified-wording = Accepted wording (Enter separates paragraphs)
accept-modified = Accept this wording
accept = Accept
reject = Reject
edit-amendment-title = Edit amendment { $reference }
propose-title = Propose an amendment
current-wording = Current wording
target-paragraphs = Target paragraphs
start-paragraph = From paragraph
paragraph-count = Number of paragraphs
paragraph-count-hint = 0 paragraphs: your text is inserted before the given paragraph.
new-wording = New wording
new-wording-hint = Enter separates paragraphs. Leave empty to delete the target paragraphs.
summary-optional = One-sentence summary (optional)
save-amendment = Save the amendment
submit-amendment = Submit the amendment

## Amendment states, text phases, events in an amendment's history

state-open = open
state-accepted = accepted
state-rejected = rejected
state-withdrawn = withdrawn
state-merged = merged
state-outdated = outdated
phase-drafting = drafting
phase-consultation = consultation (amendments open)
phase-review = review (amendments closed)
phase-adopted = adopted
event-proposed = proposed
event-edited = edited by its author
event-reanchored = re-anchored by its author
event-accepted = accepted
event-accepted-modified = accepted as modified
event-rejected = rejected
event-withdrawn = withdrawn
event-merged = merged into the text
event-outdated = outdated by a new revision

## Review and merge

review-title = Review: { $title }
merged-notice = Merged: revision { $revision } is now current.
merge-explanation =
    { $count ->
        [0] No accepted amendment waits to be merged.
        [one] { $count } accepted amendment can be merged. Tick it, then merge: a new revision is made and the other amendments are carried onto it.
       *[other] { $count } accepted amendments can be merged. Tick those to take in, then merge: a new revision is made and the other amendments are carried onto it.
    }
merge-summary = Revision summary (optional)
merge-selected = Merge the selection
select-for-merge = Select { $reference } for merging
anchored-on-revision = anchored on revision { $revision }
outdated-for-drafters = The text changed under this amendment: it waits for its author to re-anchor it.
no-decision-in-state = No decision to take: amendment { $state }.

## History and differences

history-title = History: { $title }
compare-from = Compare revision
compare-to = with revision
compare = Compare
kind-published = published
kind-edited = text edited
kind-merged = amendments merged
history-paragraph-count =
    { $count ->
        [one] { $count } paragraph
       *[other] { $count } paragraphs
    }
merged-amendments = Amendments merged:
diff-with-previous = Differences from the previous revision
diff-title = Revision { $from } → revision { $to }
side-by-side = Side by side
inline-view = Inline
no-difference = These two revisions are identical.
diff-old-number = Before
diff-new-number = After
diff-text = Text
diff-before = Before
diff-after = After
diff-unchanged-paragraphs =
    { $count ->
        [one] … { $count } unchanged paragraph …
       *[other] … { $count } unchanged paragraphs …
    }

## Editing and publishing a text

edit-title = Edit: { $title }
edit-base-hint = You are editing revision { $revision }. Enter separates paragraphs; empty paragraphs are ignored.
text-body = Text
revision-summary = Summary of the change (optional)
save-revision = Save a new revision
edit-conflict-title = The text changed while you were editing
conflict-diff-title = What separates revision { $revision } from your version
conflict-your-version = Your version, kept
conflict-explanation = Nothing was saved. Rework your version below in the light of the changes, then save it on the current revision.
conflict-head-version = Text of revision { $revision }
publish-title = Publish a text
slug-hint = The text's address: lower-case letters, digits and hyphens, for example programme-2027.
visibility = Visibility
visibility-public = Public: anyone reads it, members amend it
visibility-members = Members only
body-hint = Enter separates paragraphs (headings and list items are paragraphs too); empty paragraphs are ignored. Headings start with #.
publish = Publish

## Error pages

back-home = Back to the home page
status-code = Error { $status }
status-400 = Unreadable request
status-401 = Login required
status-403 = Not allowed
status-404 = Page not found
status-405 = Method not allowed
status-409 = Conflict
status-413 = Too large
status-422 = Request refused
status-429 = Too many attempts
status-500 = Server error

## Form fields, named in error messages

field-slug = Address (slug)
field-title = Title
field-summary = Summary
field-rationale = Rationale
field-note = Note
field-login = Login
field-name = Name
field-password = Password

## Error messages, on pages and in the API

err-payload-too-large = The request exceeds the largest size accepted.
err-not-found = What you are looking for does not exist, or you cannot see it.
err-method-not-allowed = This address does not take this method: forms send it as POST.
err-csrf = The form expired or did not come from this site. Reload the page and try again.
err-bad-token = This access token is not valid.
err-unauthenticated = Log in to do this.
err-wrong-credentials = Wrong login or password.
err-forbidden = Your role does not allow this action.
err-rate-limited = Too many login attempts. Try again in a quarter of an hour.
err-internal = An internal error occurred; nothing was changed. Try again later.
err-too-many-characters =
    { $chars ->
        [one] The text sent has { $chars } character; { $max } at most.
       *[other] The text sent has { $chars } characters; { $max } at most.
    }
err-too-many-paragraphs =
    { $count ->
        [one] The text has { $count } paragraph; { $max } at most.
       *[other] The text has { $count } paragraphs; { $max } at most.
    }
err-paragraph-too-long =
    { $chars ->
        [one] Paragraph { $paragraph } has { $chars } character; { $max } at most.
       *[other] Paragraph { $paragraph } has { $chars } characters; { $max } at most.
    }
err-control-character = Paragraph { $paragraph } holds a control character.
err-field-missing = { $field }: this field is required.
err-field-too-long =
    { $max ->
        [one] { $field }: { $max } character at most.
       *[other] { $field }: { $max } characters at most.
    }
err-field-too-short =
    { $min ->
        [one] { $field }: { $min } character at least.
       *[other] { $field }: { $min } characters at least.
    }
err-field-characters = { $field }: a single paragraph, without control characters.
err-slug-characters = The address may only hold lower-case letters without accents, digits and single hyphens.
err-login-characters = The login may only hold letters, digits, dots, hyphens and underscores.
err-field-reserved = { $field }: this value is reserved.
err-anchor-zero = Paragraphs are numbered from 1.
# $span is how many paragraphs were targeted (at least 1), $count how many the text has.
err-anchor-outside =
    { $span ->
        [one] Paragraph { $start } lies
       *[other] Paragraphs { $start } to { $end } lie
    } outside the text, which has { $count ->
        [one] { $count } paragraph
       *[other] { $count } paragraphs
    }.
err-unknown-revision = Revision { $revision } does not exist.
err-no-change = This changes nothing in the text.
err-empty-text = A text needs at least one paragraph.
err-nothing-to-merge = Choose at least one accepted amendment to merge.
err-too-many-to-merge =
    { $max ->
        [one] A merge takes at most { $max } amendment.
       *[other] A merge takes at most { $max } amendments.
    }
err-merge-empties-text = This merge would delete every paragraph of the text: a text must keep at least one.
err-duplicate-amendment = Amendment { $reference } is named twice.
err-foreign-amendment = Amendment #{ $id } belongs to another text.
err-edit-conflict = You edited revision { $base }, but revision { $head } has become the current one meanwhile. Nothing was saved.
err-head-moved = The text changed meanwhile (revision { $head } is current). Nothing was changed; reload the page.
# $collisions: the colliding pairs, each a collision-overlap or collision-inside.
err-collisions = Merge refused, nothing was changed: { $collisions }.
collision-overlap = { $first } and { $second } change the same paragraphs
collision-inside = { $first } and { $second }: one inserts inside the paragraphs the other replaces
err-anchor-touched = The target paragraphs changed since revision { $base } (revision { $head } is current). Read the text again and choose your paragraphs anew.
# $phase: one of the phase-… messages.
err-phase-closed = Not possible in the text's current phase: { $phase }.
# $state: one of the state-… messages.
err-amendment-state = Not possible: amendment { $reference } is { $state }.
err-not-on-head = Amendment { $reference } was decided on revision { $revision }, which is no longer current: it cannot be reconsidered as it stands. Its author may propose a new one on the current text.
err-slug-taken = A text already uses this address.
err-login-taken = This login is already taken.

## The CSV export's column headings

csv-reference = Reference
csv-id = Id
csv-revision = Revision
csv-state = State
csv-author = Author
csv-summary = Summary
csv-rationale = Rationale
csv-current-wording = Current wording
csv-proposed-wording = Proposed wording
csv-decided-wording = Accepted wording

## What you saw is what you decide (rule 8b), one submission one effect
event-carried = carried to revision { $revision }, now { $anchor }
withdraw-confirmation = Withdrawing is final: the amendment can no longer be reviewed or edited.
confirm-withdrawal = Confirm the withdrawal
stale-title = The amendment changed since you saw it
stale-explanation = Nothing was done: amendment { $reference } ({ $state }) is no longer the one you had in front of you. Here is what changed: read it again before you try again.
stale-wording-change = Wording you saw → current wording
stale-state-change = State: { $before } → { $after }.
stale-unknown-version = The version you saw is not known; read the amendment as it stands below.
err-stale-amendment = Amendment { $reference } changed since you saw it (version { $seen }, now { $version }): nothing was done. Read it again before you retry.
err-stale-text = The text changed since you saw it (revision { $revision }, phase: { $phase }): nothing was done.
err-submission-key-reused = This submission key (Idempotency-Key) already served another request: nothing was done.
err-unknown-topic = No topic has the address “{ $topic }”.
err-duplicate-proposal = You already proposed exactly this change: amendment { $reference }. Edit it rather than propose it a second time.
notice-filed = Amendment { $reference } filed. It shows in the text's margin and in the list of amendments.
notice-already-filed = You had already filed this amendment: it is { $reference }. Nothing was filed a second time.
notice-edited = Amendment { $reference } saved.
notice-withdrawn = Amendment { $reference } withdrawn.
notice-decided = Decision saved: amendment { $reference } { $state }.

## Forms: preview before filing, nothing typed is lost
insertion-point = Your text will be inserted here: { $anchor }.
preview-title = Preview: what your amendment changes
preview-amendment = Preview before filing
preview-again = Update the preview
range-changed = The target paragraphs changed: check above those your amendment will replace, and the preview, before filing.
log-in-to-send = Log in to send this form; what you wrote is kept.
form-came-back = Your session changed since this form was opened: nothing was sent. Check what you wrote, kept below, and send it again.
session-ended = Your session ended: nothing was sent. Log in within the form below to send it; what you wrote is kept.

## Requests that cannot be read
err-not-utf8 = The request holds bytes that are not text (UTF-8): nothing was saved.
err-not-json = The body of the request is not valid JSON (line { $line }, column { $column }).
err-missing-field = The field “{ $field }” is missing.
err-unknown-field = The field “{ $field }” is not one this operation takes: nothing was saved, rather than ignore it.
err-unreadable-header = The { $header } header could not be read.
err-unreadable = The request could not be read.
err-expected-integer = “{ $field }” must be a whole number, within the bounds allowed.
err-expected-text = “{ $field }” must be a text.
err-expected-list = “{ $field }” must be a list.
err-expected-boolean = “{ $field }” must be true or false.
err-expected-object = “{ $field }” must be a JSON object.
err-expected-something = “{ $field }” does not hold a value that fits.
err-expected-one-of = “{ $field }” must be one of: { $values }.
field-from = From revision
field-to = To revision
field-revision = Revision
field-paragraph = Paragraph
field-state = State
field-view = Layout

## History of a text
retitled = New title: “{ $title }” (before: “{ $previous }”).

## The CSV export
csv-first-paragraph = First paragraph
csv-paragraph-count = Number of paragraphs
csv-decision = Decision
csv-decided-by = Decided by
csv-decided-at = Decided on
csv-decision-note = Decision note
csv-continued = […] (continued, too long for one cell: { $address })
csv-file-name = amendments

## Lists of amendments: filters and pages
filter-state = Filter by state
filter-all = All
filter-to-decide = To decide
filter-author = Author
filter-any-author = Every author
filter-section = Part of the text
filter-whole-text = The whole text
filter-apply = Filter
matching-amendments =
    { $count ->
            [0] No amendments
            [one] { $count } amendment
           *[other] { $count } amendments
        }
page-of = page { $page } of { $pages }
pages = Pages
previous-page = Previous
next-page = Next
show-everything = Everything on one page (to print)
show-by-pages = Show by pages
show-accepted = See the accepted amendments to merge.

## Pages on a phone
hint-paragraph-links = Each paragraph number opens the amendment form for that paragraph; you can widen the passage there.
nav-review-short = Review
nav-edit-short = Edit
## Timeouts and API tokens
err-token-label = A token's label has { $max } characters at most, on one line.
err-token-lifetime = A token is valid from { $min } to { $max } days.
err-timed-out = The request took too long to arrive: nothing was done. Send it again.
nav-tokens = API tokens
tokens-title = Your API tokens
tokens-lead = An API token lets a script or another tool act on your behalf through the JSON API. Each one expires; revoke any you no longer use.
tokens-none = You have no API token.
token-label = Label
token-no-label = (no label)
token-created-at = Created
token-expires-at = Expires
token-expired = expired
token-last-used = Last used
token-never-used = never
token-revoke = Revoke
token-revoke-confirmation = This token will stop working at once: whatever uses it will be refused.
token-confirm-revoke = Revoke this token
token-revoked = The token was revoked.
token-new = New token
token-lifetime-days = Valid for (days, { $min } to { $max })
token-create = Create the token
token-secret-once = Here is your new token. Copy it now: it will never be shown again.
token-usage = Send it in each request as the header “Authorization: Bearer” followed by the token.

## errors
err-inapplicable-field = The field “{ $field }” does not apply with “{ $choice }”: nothing was saved, rather than ignore it.
err-deadline-outside-consultation = Only a consultation closes on a deadline: leave the deadline empty for this phase.
err-deadline-passed = This deadline has already passed: choose a moment to come.
err-deadline-too-far = A deadline is at most { $days } days away: choose an earlier one.
err-expected-date-time = “{ $field }” must be a date and time in RFC 3339, such as 2026-12-14T18:00:00+01:00.
deadline-until = until { $date } ({ $left })
deadline-closed = closed on { $date }
time-left-days =
    { $count ->
        [one] one day left
       *[other] { $count } days left
    }
time-left-hours =
    { $count ->
        [one] one hour left
       *[other] { $count } hours left
    }
time-left-minutes =
    { $count ->
        [one] one minute left
       *[other] { $count } minutes left
    }
phase-title = Phase of “{ $title }”
phase-heading = Phase of the text
phase-now = Current phase: { $phase }
field-phase = Phase
field-deadline = Consultation closes on (Paris time, optional)
deadline-hint = Only a consultation has a deadline: at that moment amendments close by themselves and the text goes to review. Leave it empty for a consultation with no deadline.
set-phase = Change the phase
phase-means-drafting = only drafters change the text; no amendments.
phase-means-consultation = members propose amendments; drafters may already decide and merge.
phase-means-review = amendments closed; drafters decide and merge.
phase-means-adopted = the final text, frozen.
change-phase-link = change the phase
nav-phase = Phase
err-deadline-unreadable = The deadline is not a date and time that can be read: choose a day and an hour.
err-phase-missing = Choose a phase.
err-topic-taken = A topic already uses this address.
field-description = Description
topics-title = Topics
topics-none = No topic yet.
topic-empty = No text in this topic yet.
publish-in-topic = Publish a text in this topic
new-topic = Open a topic
open-topic = Open the topic
already-there-title = Texts already there
already-there-lead = One subject, one text: before publishing, check whether one of these should be amended instead.
field-topic = Topic
no-topic = No topic
other-texts = Other texts
nav-topics = Topics
texts-count =
    { $count ->
        [one] one text
       *[other] { $count } texts
    }
err-own-amendment = An author does not co-sign their own amendment: it already carries their name.
err-min-supporters = A text may ask for at most { $max } co-signers.
err-quorum-not-reached =
    { $reference } has { $supporters ->
        [0] no co-signer
        [one] one co-signer
       *[other] { $supporters } co-signers
    } of the { $needed } needed: it cannot be accepted yet.
co-signatures = Co-signatures
collecting-co-signers = collecting co-signers
confirm-co-signature = You co-signed an earlier wording of this amendment: its author changed it since. Read what changed, then confirm your co-signature or take it back.
what-changed-since-signed = What changed since you co-signed
confirm-my-co-signature = Confirm my co-signature
co-sign = Co-sign
withdraw-co-signature = Take my co-signature back
signed-earlier-wording = (to an earlier wording)
co-signed = Your co-signature is recorded.
co-signature-withdrawn = Your co-signature is taken back.
co-signers-of-needed =
    { $count ->
        [one] One co-signer
       *[other] { $count } co-signers
    } of the { $needed } needed.
co-signers-count =
    { $count ->
        [0] No co-signer yet.
        [one] One co-signer.
       *[other] { $count } co-signers.
    }
earlier-co-signers =
    { $count ->
        [one] One more co-signed an earlier wording and has yet to confirm.
       *[other] { $count } more co-signed an earlier wording and have yet to confirm.
    }
settings-heading = Settings
field-min-supporters = Co-signers an amendment needs before it can be accepted
min-supporters-hint = 0 for none. Counted when an amendment is accepted; an author’s rewrite asks its co-signers to confirm.
save-settings = Save the settings
phase-moves = Phases
closing-on = closing on { $date }
err-not-an-object = The body must be a JSON object, its fields named (not a list, a string or a number).
err-votes-cast-secret = Votes were already cast in secret on this text: they stay secret.
err-votes-cast-open = Votes were already cast openly on this text: they stay open.
err-no-ballot-key = To vote in secret, log in again (a script: ask for a new token). This session was opened before secret ballots and cannot file yours.
err-ballot-sealed = Your vote on { $reference } was cast under your former password: it still counts, but it can no longer be changed.
field-votes = Votes
votes-secret = Secret
votes-secret-means = only the tallies are shown, to everyone, drafters and admins included.
votes-open = Open
votes-open-means = each voter's name and vote are shown beside the tallies.
votes-hint = Fixed once the first vote is cast on the text.
no-votes-yet = No votes yet.
votes-for = { $count } for ({ $percent } %)
votes-against = { $count } against ({ $percent } %)
votes-abstain = { $count } abstaining ({ $percent } %)
vote-for = for
vote-against = against
vote-abstain = abstain
votes-heading = Votes
your-vote = Your vote: { $vote }.
your-vote-sealed = You voted under your former password: your vote counts and can no longer be changed.
cast-vote = Vote
change-vote = Change my vote
votes-secret-note = Secret ballot: only the tallies are shown, to everyone. You may change your vote until the consultation ends.
votes-open-note = Open vote: each voter's name and vote are shown. You may change your vote until the consultation ends.
notice-voted = Your vote on { $reference } is recorded.
vote-legend = My vote
sort-by = Order
sort-by-line = as in the text
sort-by-co-signers = most co-signers first
sort-by-votes = most approved first
field-comment = Comment
field-hide-reason = Reason for hiding
err-comment-place = A comment goes on one paragraph, one amendment or the whole text; a reply goes where its parent is.
err-no-such-paragraph = The text has no paragraph { $paragraph }: its paragraphs run from 1 to { $count }.
err-reply-to-reply = Replies go under the comment that opens the thread, not under another reply.
err-comment-closed = This comment was deleted or hidden: it can no longer be edited or answered.
comments-on-paragraph = Comments on paragraph { $paragraph }: { $count }
comment-paragraph = Comment on paragraph { $paragraph }
no-comments-yet = No comments yet.
reply = Reply
your-reply = Your reply
your-comment = Your comment
comment-hint = Plain text; web addresses become links. Shown with your display name.
send-reply = Send the reply
send-comment = Publish the comment
comment-edited = edited
comment-hidden-because = Comment hidden by the drafters: { $reason }
comment-deleted = Comment deleted by its author.
edit-comment = Edit
delete-comment = Delete
hide-comment = Hide
comments-on-paragraph-title = Comments on paragraph { $paragraph }
comments-on-amendment-title = Comments on { $reference }
comments-on-text-title = Discussion
paragraph-in-text = Paragraph { $paragraph } in the text
paragraph-in-revision = Paragraph { $paragraph } of revision { $revision } (rewritten since)
back-to-amendment = Back to amendment { $reference }
add-comment = Add a comment
comments-closed = Comments are closed in this phase of the text.
comment-title = Comment
back-to-discussion = Back to the discussion
save-comment = Save the comment
delete-comment-hint = Its words are removed; the replies stay in the discussion.
hide-comment-hint = Its words will be shown to no one; the reason is shown in their place, to everyone.
nav-comments = Discussion
comments-heading = Comments
comments-on-other-paragraphs = On paragraphs of the text
comments-count =
    { $count ->
        [0] No comments
        [one] One comment
       *[other] { $count } comments
    }
field-email = Email
err-roster-empty = The list holds no member.
err-roster-more = And { $count } more.
err-row-role = unknown role “{ $role }” (member, drafter or admin).
err-row-duplicate = this login is already on line { $line }.
err-row-columns = expected login, name, email and role ({ $count } cells found).
err-row-unreadable = this line cannot be read (check its quotes).
row-line = Line { $line }: { $problem }
err-last-admin = This would leave no active admin: name another admin first.
err-member-inactive = This account is deactivated: reactivate it first.
err-invitation-expired = This invitation has expired. Ask an admin for a new link.
err-roster-too-many-rows = { $max ->
    [one] A list holds at most { $max } member.
   *[other] A list holds at most { $max } members.
}
err-roster-rows = { $count ->
    [one] Nothing was imported: { $count } line is wrong. { $rows }
   *[other] Nothing was imported: { $count } lines are wrong. { $rows }
}
role-member = member
role-drafter = drafter
role-admin = admin
field-role = Role
invitation-link = Invitation link
valid-until = valid until { $date }
member-deactivated = deactivated
member-no-password = has not chosen a password yet
member-active = active
invited-until = invitation valid until { $date }
change-role = Change role
deactivate = Deactivate
reactivate = Reactivate
new-invitation = New invitation link
members-title = Members
nav-members = Members
add-member = Add a member
name-hint = The name shown beside what they write: a pseudonym is fine. Logins are never shown to other members.
add-member-button = Add and make an invitation link
import-members = Import a list
members-list = List (CSV)
members-list-hint = One member per line: login, name, email, role (member, drafter or admin; member if empty), separated by commas, semicolons or tabs, as a spreadsheet exports or copies them; a header line is allowed. Every line is checked first: if one is wrong, nothing is imported.
import-button = Check and import
welcome-name = Welcome, { $name }
invitation-intro = Choose your password: you will then be logged in. This link works once.
password-again = The same password again
set-password = Save and log in
err-passwords-differ = The two passwords differ.
member-changed = The account was changed.
err-account-deactivated = This account has been deactivated. Contact the party’s administration.
invitations-made = { $count ->
    [one] Invitation link, shown this once: send it to the member.
   *[other] { $count } invitation links, shown this once: send each to its member.
}
members-count = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
password-hint = { $min ->
    [one] At least { $min } character.
   *[other] At least { $min } characters.
}
former-member = former member
account-title = My account
login-private = (to log in; never shown to other members)
download-my-data = Download my data (JSON)
change-password = Change my password
current-password = Current password
new-password = New password
delete-account = Delete my account
delete-account-hint = Your login, name, email and password are erased and you are logged out everywhere. Your amendments and comments stay, shown as from a former member. This cannot be undone.
delete-account-button = Delete my account for good
password-changed = Your password was changed; your other sessions were closed.
err-too-many-open = { $max ->
    [one] You already have { $max } open amendment on this text, the most it allows: withdraw it or wait for the drafters' decision.
   *[other] You already have { $max } open amendments on this text, the most it allows: withdraw one or wait for the drafters' decisions.
}
err-too-fast-proposals = { $minutes ->
    [one] You have proposed many amendments in a short time: you can propose the next one in { $minutes } minute.
   *[other] You have proposed many amendments in a short time: you can propose the next one in { $minutes } minutes.
}
err-too-fast-comments = { $minutes ->
    [one] You have written many comments in a short time: you can write the next one in { $minutes } minute.
   *[other] You have written many comments in a short time: you can write the next one in { $minutes } minutes.
}
err-max-open-per-member = The limit of open amendments per member is a whole number from 0 (no limit) to { $max }.
field-max-open = Open amendments per member
max-open-hint = The most open amendments one member may have on this text at once; 0 for no limit. Drafters are not limited.
create-account = Create an account
no-account-hint = No account yet? The party's administration sends an invitation link.
registration-open = Anyone may create their own member account.
registration-closed = Accounts are created by admins only (invitations, imports).
open-registration = Open self-registration
close-registration = Close self-registration
search-members = Find a member (name, login or email)
search = Search
nav-questions = Questions
question-on-paragraph = About ¶ { $paragraph }:
question-open-until = Open until { $date }
question-closed-on = Closed on { $date }
my-answer = my answer
answer-sealed = You answered under a former password: your answer counts, and can no longer be read or changed.
your-answer = Your answer
change-answer = Change my answer
send-answer = Answer
answers-secret-note = Answers are secret: only the counts are shown, to everyone. You can change yours until the question closes.
questions-title = Questions to members
no-questions = No question has been asked about this text.
ask-question = Ask members a question
field-question = Question
field-choice = Choice
field-choices = Choices
choices-hint = One per line, 2 to 10.
field-question-paragraph = About paragraph (optional)
field-closes-at = Answers until (Paris time)
err-choose-answer = Choose one of the answers.
err-choices-alike = Two choices read the same.
err-question-closed = This question is closed: answers are no longer taken or changed.
questions-of = Questions · { $title }
answers-count = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}
choice-count = { $count ->
    [one] { $count } answer ({ $percent } %)
   *[other] { $count } answers ({ $percent } %)
}
err-choice-count = A question offers { $min } to { $max } different choices.
err-unknown-choice = This question offers { $count } choices, numbered from 0.
err-query-too-long = A search is at most { $max } characters long.
err-query-too-many-terms = A search has at most { $max } words.
err-query-prefix-too-short = A word ending in * needs at least { $min } letters before the star.
search-title = Search
search-label = Search texts, amendments and comments
search-button = Search
search-hint = Every word is required; accents and capitals do not matter. Put a phrase between "quotes"; écol* finds the words that start with écol.
search-nothing = Nothing found for “{ $query }”.
search-results-for = Results for “{ $query }”
search-kind-text = Texts
search-kind-paragraph = Paragraphs
search-kind-amendment = Amendments
search-kind-comment = Comments
search-kind-question = Questions
search-first-of = The best { $shown } of { $total }.
search-only-kind = See more of these
search-filter-kind = Kind
search-any-kind = Everything
search-filter-text = Text
search-any-text = All texts
search-filter-topic = Topic
search-any-topic = All topics
search-filter-state = Amendment state
search-any-state = Any state
search-by-author = Only what { $name } wrote.
search-all-authors = Everyone's
search-paragraph = ¶ { $line }
search-filters = Narrow the search
fate-open = Under discussion.
fate-accepted = Accepted, to be merged into the text.
fate-accepted-modified = Accepted in modified form, to be merged into the text.
fate-adopted-kept = Adopted in revision { $revision }; its words are still in the text.
fate-adopted-partly = Adopted in revision { $revision }; some of its words were changed since.
fate-adopted-gone = Adopted in revision { $revision }; its words were changed again since.
fate-adopted-deletion = Adopted in revision { $revision }: the passage it deleted is gone from the text.
fate-modified = The drafters changed its wording before adopting it.
fate-rejected = Rejected.
fate-rejected-note = Rejected: { $note }
fate-withdrawn = Withdrawn by its author.
fate-outdated = Outdated: the text changed where it applied. Its author can re-anchor it.
fate-title = What became of it
my-amendments-title = My amendments
my-amendments-none = You have not proposed any amendment yet.
outcomes-title = What became of the amendments
outcomes-link = What became of every amendment of this text
outcomes-none = No amendment was proposed on this text.
record-adopted = Adopted
record-accepted = Accepted, to merge
record-rejected = Rejected
record-withdrawn = Withdrawn
record-outdated = Outdated
record-open = Under discussion
record-total = In all
record-mine =
    { $adopted } of my { $total ->
        [one] { $total } amendment
       *[other] { $total } amendments
    } adopted
feed-site-title = Redraft: what is new
feed-topic-title = { $topic }: what is new
feed-text-title = { $text }: revisions, amendments, decisions
feed-revision-title = { $text }: revision { $revision }
feed-amendment-title = { $text }: { $reference } { $event }
feed-link = Atom feed
nav-notifications = Notifications
notifications-title = Notifications
notifications-empty = No notifications yet. You are told here when a drafter decides on your amendments, when someone replies to your comments, and of new revisions, phases and deadlines of the texts you follow.
notifications-mark-all-read = Mark all as read
notifications-mark-read = Mark as read
notifications-older = Older notifications
notifications-settings-link = Notification settings
notification-unread = Unread
notify-kind-decision = Decisions on my amendments
notify-kind-outdated = My amendments outdated (to re-anchor)
notify-kind-reconfirm = Co-signatures to confirm again
notify-kind-reply = Replies to my comments, comments on my amendments
notify-kind-revision = New revisions of the texts I follow
notify-kind-phase = Phases and deadlines of the texts I follow
notice-accepted = { $reference } was accepted.
notice-accepted-modified = { $reference } was accepted in a modified form.
notice-rejected = { $reference } was rejected.
notice-merged = { $reference } was adopted: merged into revision { $revision }.
notice-outdated = { $reference } is outdated: the text changed where it applies. Re-anchor it.
notice-reconfirm = { $reference }, which you co-signed, was reworded: confirm your co-signature.
notice-reply = { $name } replied to your comment.
notice-revision = New revision { $revision } of the text.
notice-phase = The text moved to a new phase: { $phase }.
notice-deadline = The consultation closes on { $when }: amendments are due by then.
notice-on-text = { $title }: { $message }
notify-settings-title = Notification settings
notify-what = What concerns me
notify-in-app = In Redraft
notify-by-email = By email
notify-emails = Emails
notify-email-each = One email per notification
notify-email-digest = One digest a day
notify-email-language = Language of the emails
notify-no-email = Your account has no email address, so notifications stay in Redraft. An administrator can add one.
notify-no-smtp = This server sends no email: notifications stay in Redraft.
notify-email-to = Emails go to { $email }.
notify-save = Save
notify-saved = Settings saved.
notify-followed = Texts you follow
notify-followed-none = You follow no text yet. Proposing an amendment or commenting on a text makes you follow it, and so does each text's “Follow” button.
follow-text = Follow this text
unfollow-text = Stop following
following-note = You follow this text: its new revisions, phases and deadlines are notified to you.
unsubscribe-title = Unsubscribe
unsubscribe-kind-confirm = { $name }, stop receiving these emails: { $kind }?
unsubscribe-all-confirm = { $name }, stop receiving any email from Redraft?
unsubscribe-button = Confirm
unsubscribe-done = Done: you will no longer receive these emails. Your notifications stay in Redraft, and your settings can turn the emails back on.
email-greeting = Hello { $name },
email-see = See it: { $link }
email-why = You receive this email because your Redraft notification settings ask for it.
email-unsubscribe-kind = Stop this kind of email: { $link }
email-unsubscribe-all = Stop all emails: { $link }
email-settings = Your notification settings: { $link }
digest-more = … and { $count } more: { $link }
notifications-bell = { $count ->
    [0] Notifications
    [one] Notifications (1 unread)
   *[other] Notifications ({ $count } unread)
}
digest-subject = { $count ->
    [one] Redraft: 1 notification today
   *[other] Redraft: { $count } notifications today
}
digest-intro = { $count ->
    [one] Here is what happened for you on Redraft:
   *[other] Here are the { $count } things that happened for you on Redraft:
}
notice-rejected-note = { $reference } was rejected: { $note }
notice-comment-on-amendment = { $name } commented on your amendment { $reference }.
news-since = Since your last visit ({ $when }):
news-see-changes = See what changed in the text since revision { $revision }
news-short = New since your visit: { $items }
news-revisions = { $count ->
    [one] 1 new revision
   *[other] { $count } new revisions
}
news-amendments = { $count ->
    [one] 1 new amendment
   *[other] { $count } new amendments
}
news-decisions = { $count ->
    [one] 1 decision
   *[other] { $count } decisions
}
news-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
date =
    { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
stats-amendments-authors = { $amendments ->
    [one] { $amendments } amendment
   *[other] { $amendments } amendments
} · { $authors ->
    [one] { $authors } author
   *[other] { $authors } authors
}
stats-amendment-count = { $count ->
    [one] { $count } amendment
   *[other] { $count } amendments
}
stats-members-counts = Co-signatures: { $cosignatures } · votes: { $votes } · comments: { $comments }
nav-stats = Participation
stats-title = Participation
stats-by-section = Amendments per part of the text
stats-by-section-hint = The darker a part, the more amendments it drew: those in play on it, and those adopted whose words it carries.
stats-start-of-text = Start of the text
stats-fates = What became of the amendments
stats-activity = Activity
stats-per-week = Per week, from { $from } to { $to }.
stats-per-month = Per month, from { $from } to { $to }.
stats-series-amendments = Amendments filed
stats-series-decisions = Decisions
stats-series-comments = Comments
stats-see-figures = See the figures
stats-from = From
stats-among-members = Among members
stats-most-supported = Most co-signed
stats-most-voted = Most voted on
stats-members-only = Co-signatures, votes and comments are the members’ business: log in to see them.
stats-none = No amendment yet.
stats-text = Text
stats-amendments = Amendments
stats-adopted = Adopted
stats-topic-texts = Per text
share-title = Share
share-permalink = Permanent link to this revision
share-by-email = Email
share-embed = Embed on a website
share-embed-hint = Copy this code into your page: a read-only view that links back here.
embed-read-on = Read, comment and amend on Redraft
preview-text-kicker = Text · revision { $revision }
preview-amendment-kicker = Amendment { $reference } · { $state }
preview-text-footer = Revision { $revision } of { $date }
event-rebased = rewritten onto a new revision (other words of its paragraphs changed)
notice-rebased = { $reference } was rewritten onto revision { $revision }: other words of its paragraphs changed there. Check that it still says what you meant.
rebased-badge = rewritten
rebased-badge-title = Rewritten onto a new revision: other words of the same paragraphs changed since it was written.
rebased-explanation = A later revision changed other words of the paragraphs this amendment changes. Redraft rewrote it onto that revision, word by word, keeping its own changes; its co-signers are asked to confirm again.
preview-merge-button = Preview the merge
preview-merge-title = Merge preview: { $title }
preview-merge-explanation = The text as merging these amendments into revision { $revision } would make it. Nothing is written yet.
preview-merge-collisions = These amendments cannot be merged together: { $collisions }. The text below is made without them.
preview-merge-chosen = Amendments chosen
preview-merge-left-out = left out: it collides
preview-merge-back = Back to the review desk
competing-title = Competing amendments
competing-explanation = These amendments change the same words: adopting one makes the others impossible as written. In the suggested order of decision, the most far-reaching first:
competing-this = this one
competing-reach = reach: { $count }
field-printed-width = Printed line width (characters)
printed-width-hint = Party texts are cited by printed line ("l. 171"). The width applies to the revisions written from now on; those already written keep their line numbers.
err-printed-width = The printed line width must be between { $min } and { $max } characters.
printed-title = { $title }: printed lines
printed-meta = { $lines } printed { $lines ->
    [one] line
   *[other] lines
} of { $width } characters (breaking version { $algorithm })
printed-hint = Each line carries the number party texts cite ("l. 171"): the same on screen, on paper and in exports. Print this page for a numbered copy.
printed-link = Printed lines
printed-line = l. { $line }
printed-lines = l. { $start }–{ $end }
live-title = { $title }: live
live-heading = Congress hall
live-badge = live
live-hint = This page follows the text as drafters decide and merge: it updates by itself.
live-decisions = Decided amendments
live-text = The text as it stands
live-nothing-decided = No amendment decided yet.
live-link = Congress hall (live)
live-updated = Updated.
live-lost = Connection lost: reconnecting…
live-counts = { $decided ->
    [one] { $decided } amendment decided
   *[other] { $decided } amendments decided
}, { $open } waiting
err-not-editorial = { $reference } is not marked editorial: merge it with the others, after deciding it.
editorial-badge = editorial
editorial-badge-title = Spelling, grammar or formatting only: no change of meaning.
field-editorial = Editorial amendment (spelling, grammar, formatting: no change of meaning)
mark-editorial = Mark as editorial
unmark-editorial = Not editorial
editorial-heading = Editorial amendments
editorial-explanation = Spelling, grammar and formatting, marked by their authors or a drafter. One action accepts those still open and merges all of these that collide with none of the others; the others stay as they are.
merge-editorial = Accept and merge the editorial amendments
editorial-merged = Merged into revision { $revision }: { $merged }.
editorial-colliding = Left as they are, as they collide with another: { $references }.
editorial-below-quorum = Left open, short of co-signers: { $references }.
provenance-title = { $title }: where each paragraph comes from
provenance-heading = Where each paragraph comes from
provenance-link = Provenance
provenance-merged = by { $author }, merged in revision { $revision }
provenance-first = First revision, by { $author }
provenance-edit = Drafters' edit, revision { $revision }, by { $author }
provenance-summary = { $amendments ->
    [one] { $amendments } paragraph comes
   *[other] { $amendments } paragraphs come
} from { $authors ->
    [one] { $authors } amendment
   *[other] { $authors } amendments
}, { $edits } from drafters' edits, { $first } from the first revision.
alternatives-title = { $title }: competing amendments
alternatives-heading = Competing amendments
alternatives-link = Competing amendments
alternatives-explanation = Amendments open or accepted on the head that change the same words, in groups of alternatives. In each group, the suggested order of decision: the most far-reaching first. Adopting one makes impossible, as they are worded, those it names.
alternatives-incomplete = Too many amendments share the same lines to compare them all: these groups may be incomplete.
alternatives-none = No amendments compete for the same words.
alternatives-excludes = Adopting it makes impossible: { $references }
alternatives-group = { $count } competing amendments
err-unknown-hunk = Change { $index } is not one of this amendment's { $count } changes (numbered from 0).
adopt-in-part = Adopt in part
adopt-in-part-hint = Tick the changes to adopt: the amendment is accepted in modified form with only those, and its author keeps the credit for them.
accept-ticked = Accept the ticked changes
book-title = { $title }: amendment book
book-back = Back to the text
book-link = Amendment book
book-subtitle = { $count ->
    [one] { $count } amendment
   *[other] { $count } amendments
}, in the order of the printed lines · revision { $revision }
book-co-signers = { $count ->
    [one] { $count } co-signer
   *[other] { $count } co-signers
}
book-tally = for { $for }, against { $against }, abstain { $abstain }
csv-first-printed-line = First printed line
csv-last-printed-line = Last printed line
sheet-name = Amendments
err-revision-range = The first revision ({ $from }) must come before the last ({ $to }).
err-too-many-revisions = One export follows at most { $max } revisions: choose a shorter range.
tracked-download = Download with tracked changes, for Word or LibreOffice:
tracked-export-hint = The text with the changes of this revision tracked, attributed to their authors, with its printed line numbers
book-file-name = amendment-book
fate-adopted-partly-by = Adopted in revision { $revision }; some of its words were changed by revision { $changed }.
fate-adopted-gone-by = Adopted in revision { $revision }; its words were changed again by revision { $changed }.
news-highlight-changes = Highlight in the text what changed since revision { $revision }
since-clear = Remove the highlighting
since-highlighted = { $count ->
    [0] No paragraph changed since revision { $revision }.
    [one] Highlighted: the paragraph changed or added since revision { $revision }.
   *[other] Highlighted: the { $count } paragraphs changed or added since revision { $revision }.
}
