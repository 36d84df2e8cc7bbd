//! Notifications as members see them: one sentence per notification (the same in the app,
//! the API and the emails), the list with its read marks, the settings, the unsubscribe
//! page, and the plain-text emails.

use maud::{Markup, html};

use super::Frame;
use super::layout::{Head, notice, page};
use crate::actions::news::News;
use crate::actions::notifications::{NotificationPage, NotificationSettings, Unsubscribe};
use crate::domain::Phase;
use crate::domain::notification::{Channel, NotificationKind};
use crate::i18n::{Arg, K, Lang, phase_name};
use crate::store::NotificationRecord;

/// What a notification says, without the text it is about.
pub fn message(lang: Lang, record: &NotificationRecord) -> String {
    let reference = record.amendment.as_ref().map_or("", |(_, reference)| reference.as_str());
    let reference = Arg::text("reference", reference);
    let revision = Arg::number("revision", record.revision.unwrap_or(0));
    match record.kind {
        NotificationKind::Decision => match record.detail.as_str() {
            "accepted" => lang.f(K::NoticeAccepted, &[reference]),
            "accepted_modified" => lang.f(K::NoticeAcceptedModified, &[reference]),
            "merged" => lang.f(K::NoticeMerged, &[reference, revision]),
            _ if record.note.trim().is_empty() => lang.f(K::NoticeRejected, &[reference]),
            _ => lang.f(K::NoticeRejectedNote, &[reference, Arg::text("note", record.note.trim())]),
        },
        NotificationKind::Outdated if record.detail == "rebased" => lang.f(K::NoticeRebased, &[reference, revision]),
        NotificationKind::Outdated => lang.f(K::NoticeOutdated, &[reference]),
        NotificationKind::Reconfirm => lang.f(K::NoticeReconfirm, &[reference]),
        NotificationKind::Reply => {
            let name = Arg::text("name", if record.actor.is_empty() { lang.t(K::FormerMember) } else { &record.actor });
            match record.detail.as_str() {
                "amendment" => lang.f(K::NoticeCommentOnAmendment, &[name, reference]),
                _ => lang.f(K::NoticeReply, &[name]),
            }
        }
        NotificationKind::Revision => lang.f(K::NoticeRevision, &[revision]),
        NotificationKind::Phase => match (Phase::parse(&record.detail), record.detail.parse::<i64>()) {
            (Some(phase), _) => lang.f(K::NoticePhase, &[Arg::text("phase", phase_name(lang, phase))]),
            (None, Ok(deadline)) => lang.f(K::NoticeDeadline, &[Arg::text("when", lang.date_time(deadline))]),
            (None, Err(_)) => lang.f(K::NoticePhase, &[Arg::text("phase", "")]),
        },
    }
}

/// What a notification says, with the title of the text it is about.
pub fn headline(lang: Lang, record: &NotificationRecord) -> String {
    lang.f(
        K::NoticeOnText,
        &[Arg::text("title", record.text_title.as_str()), Arg::text("message", message(lang, record))],
    )
}

/// The label of a kind in the settings.
pub fn kind_label(lang: Lang, kind: NotificationKind) -> &'static str {
    lang.t(match kind {
        NotificationKind::Decision => K::NotifyKindDecision,
        NotificationKind::Outdated => K::NotifyKindOutdated,
        NotificationKind::Reconfirm => K::NotifyKindReconfirm,
        NotificationKind::Reply => K::NotifyKindReply,
        NotificationKind::Revision => K::NotifyKindRevision,
        NotificationKind::Phase => K::NotifyKindPhase,
    })
}

/// The bell in the header: a link to the list, with the unread count.
pub fn bell(lang: Lang, unread: u32) -> Markup {
    let label = lang.f(K::NotificationsBell, &[Arg::count("count", unread)]);
    html! {
        a.bell href="/notifications" aria-label=(label) title=(label) {
            // Drawn, not an emoji: phones without an emoji font would show a box.
            svg.bell-icon viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" {
                path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" {}
            }
            @if unread > 0 {
                span.count aria-hidden="true" { @if unread >= 100 { "99+" } @else { (unread) } }
            }
        }
    }
}

/// The member's notifications, newest first, with read marks.
pub fn notifications_page(frame: &Frame<'_>, page_of: &NotificationPage) -> Markup {
    let lang = frame.lang;
    let content = html! {
        h1 { (lang.t(K::NotificationsTitle)) }
        p.actions {
            a href="/account/notifications" { (lang.t(K::NotificationsSettingsLink)) }
            @if page_of.unread > 0 {
                " "
                form.inline method="post" action="/notifications/read" {
                    (frame.tokens())
                    input type="hidden" name="all" value="1";
                    button type="submit" { (lang.t(K::NotificationsMarkAllRead)) }
                }
            }
        }
        @if page_of.items.is_empty() {
            p { (lang.t(K::NotificationsEmpty)) }
        } @else {
            ol.notifications {
                @for record in &page_of.items {
                    li class=(if record.read { "read" } else { "unread" }) {
                        @if !record.read { strong.badge { (lang.t(K::NotificationUnread)) } " " }
                        a href={ "/notifications/" (record.id) } dir="auto" { (headline(lang, record)) }
                        " "
                        time datetime=(crate::time::rfc3339(record.created_at)) { (lang.date_time(record.created_at)) }
                        @if !record.read {
                            " "
                            form.inline method="post" action="/notifications/read" {
                                (frame.tokens())
                                input type="hidden" name="id" value=(record.id);
                                button.link type="submit" { (lang.t(K::NotificationsMarkRead)) }
                            }
                        }
                    }
                }
            }
            @if let Some(older) = page_of.older {
                p { a href={ "/notifications?before=" (older) } { (lang.t(K::NotificationsOlder)) } }
            }
        }
    };
    page(frame, Head { title: lang.t(K::NotificationsTitle), private: true, ..Head::default() }, content)
}

/// The member's switches (kind × channel), email mode and language, and followed texts.
pub fn settings_page(frame: &Frame<'_>, settings: &NotificationSettings, emailing: bool, saved: bool) -> Markup {
    let lang = frame.lang;
    let preferences = &settings.preferences;
    let content = html! {
        p.kicker { a href="/account" { (lang.t(K::AccountTitle)) } " · " a href="/notifications" { (lang.t(K::NotificationsTitle)) } }
        h1 { (lang.t(K::NotifySettingsTitle)) }
        @if saved { (notice("success", lang.t(K::NotifySaved))) }
        @if !emailing {
            p { (lang.t(K::NotifyNoSmtp)) }
        } @else if let Some(email) = &settings.email {
            p { (lang.f(K::NotifyEmailTo, &[Arg::text("email", email.as_str())])) }
        } @else {
            p { (lang.t(K::NotifyNoEmail)) }
        }
        form.stack method="post" action="/account/notifications" {
            (frame.tokens())
            table.switches {
                thead { tr { th scope="col" { (lang.t(K::NotifyWhat)) } th scope="col" { (lang.t(K::NotifyInApp)) } th scope="col" { (lang.t(K::NotifyByEmail)) } } }
                tbody {
                    @for kind in NotificationKind::ALL {
                        tr {
                            th scope="row" { (kind_label(lang, *kind)) }
                            @for channel in Channel::ALL {
                                @let name = format!("{}.{}", kind.as_str(), channel.as_str());
                                td {
                                    input type="checkbox" name="on" value=(name) id=(name)
                                        checked[preferences.switches.allows(*kind, *channel)]
                                        aria-label={ (kind_label(lang, *kind)) " · " (lang.t(if *channel == Channel::App { K::NotifyInApp } else { K::NotifyByEmail })) };
                                }
                            }
                        }
                    }
                }
            }
            fieldset {
                legend { (lang.t(K::NotifyEmails)) }
                label { input type="radio" name="digest" value="0" checked[!preferences.digest]; " " (lang.t(K::NotifyEmailEach)) }
                label { input type="radio" name="digest" value="1" checked[preferences.digest]; " " (lang.t(K::NotifyEmailDigest)) }
            }
            label {
                (lang.t(K::NotifyEmailLanguage))
                select name="language" {
                    @for option in Lang::ALL {
                        option value=(option.code()) selected[*option == preferences.language] { (option.t(K::LanguageName)) }
                    }
                }
            }
            button type="submit" { (lang.t(K::NotifySave)) }
        }
        h2 { (lang.t(K::NotifyFollowed)) }
        @if settings.followed.is_empty() {
            p { (lang.t(K::NotifyFollowedNone)) }
        } @else {
            ul.followed {
                @for (slug, title) in &settings.followed {
                    li {
                        a href={ "/texts/" (slug) } dir="auto" { (title) }
                        " "
                        form.inline method="post" action={ "/texts/" (slug) "/follow" } {
                            (frame.tokens())
                            input type="hidden" name="follow" value="0";
                            input type="hidden" name="next" value="/account/notifications";
                            button.link type="submit" { (lang.t(K::UnfollowText)) }
                        }
                    }
                }
            }
        }
    };
    page(frame, Head { title: lang.t(K::NotifySettingsTitle), private: true, ..Head::default() }, content)
}

/// The follow button of a text, for a member.
pub fn follow_form(frame: &Frame<'_>, slug: &str, following: bool) -> Markup {
    let lang = frame.lang;
    html! {
        form.inline.follow method="post" action={ "/texts/" (slug) "/follow" } {
            (frame.tokens())
            input type="hidden" name="follow" value=(if following { "0" } else { "1" });
            @if following { span.following { (lang.t(K::FollowingNote)) } " " }
            button.secondary type="submit" aria-pressed=(following) { (lang.t(if following { K::UnfollowText } else { K::FollowText })) }
        }
    }
}

/// The page an unsubscribe link opens: a confirmation (links are opened by mail scanners,
/// which must not unsubscribe anyone), or what it did.
pub fn unsubscribe_page(
    frame: &Frame<'_>,
    name: &str,
    (member, what, signature): (i64, Unsubscribe, &str),
    done: bool,
) -> Markup {
    let lang = frame.lang;
    let question = match what {
        Unsubscribe::Kind(kind) => {
            lang.f(K::UnsubscribeKindConfirm, &[Arg::text("name", name), Arg::text("kind", kind_label(lang, kind))])
        }
        Unsubscribe::All => lang.f(K::UnsubscribeAllConfirm, &[Arg::text("name", name)]),
    };
    let content = html! {
        h1 { (lang.t(K::UnsubscribeTitle)) }
        @if done {
            (notice("success", lang.t(K::UnsubscribeDone)))
        } @else {
            form.stack method="post" action="/unsubscribe" {
                (frame.tokens())
                input type="hidden" name="member" value=(member);
                input type="hidden" name="what" value=(what.as_str());
                input type="hidden" name="signature" value=(signature);
                p { (question) }
                button type="submit" { (lang.t(K::UnsubscribeButton)) }
            }
        }
    };
    page(frame, Head { title: lang.t(K::UnsubscribeTitle), private: true, ..Head::default() }, content)
}

/// The absolute addresses an email links to.
pub struct EmailLinks<'a> {
    /// The site's address, without a final slash.
    pub base: &'a str,
    /// Turns this email's kind off (for a digest, none).
    pub unsubscribe_kind: Option<String>,
    /// Turns every email off.
    pub unsubscribe_all: String,
}

/// An email's subject and plain-text body: one notification (`total` 1) or a digest of
/// `records`, out of `total`.
pub fn email(
    lang: Lang,
    name: &str,
    records: &[NotificationRecord],
    total: u32,
    links: &EmailLinks<'_>,
) -> (String, String) {
    let base = links.base;
    let mut body = lang.f(K::EmailGreeting, &[Arg::text("name", name)]);
    body.push_str("\n\n");
    let subject = match records {
        [record] if total == 1 => {
            body.push_str(&headline(lang, record));
            body.push_str("\n\n");
            body.push_str(&lang.f(K::EmailSee, &[Arg::text("link", format!("{base}{}", record.link))]));
            body.push('\n');
            headline(lang, record)
        }
        _ => {
            body.push_str(&lang.f(K::DigestIntro, &[Arg::count("count", total)]));
            body.push_str("\n\n");
            for record in records {
                body.push_str(&format!("- {}\n  {base}{}\n", headline(lang, record), record.link));
            }
            let more = u64::from(total).saturating_sub(records.len() as u64);
            if more > 0 {
                let link = format!("{base}/notifications");
                body.push_str(&lang.f(K::DigestMore, &[Arg::count("count", more), Arg::text("link", link)]));
                body.push('\n');
            }
            lang.f(K::DigestSubject, &[Arg::count("count", total)])
        }
    };
    body.push_str("\n-- \n");
    body.push_str(lang.t(K::EmailWhy));
    body.push('\n');
    if let Some(link) = &links.unsubscribe_kind {
        body.push_str(&lang.f(K::EmailUnsubscribeKind, &[Arg::text("link", link.as_str())]));
        body.push('\n');
    }
    body.push_str(&lang.f(K::EmailUnsubscribeAll, &[Arg::text("link", links.unsubscribe_all.as_str())]));
    body.push('\n');
    body.push_str(&lang.f(K::EmailSettings, &[Arg::text("link", format!("{base}/account/notifications"))]));
    body.push('\n');
    (subject, body)
}

/// What is new since a visit, as phrases ("3 nouveaux amendements").
pub fn news_items(lang: Lang, news: &News) -> Vec<String> {
    [
        (news.revisions, K::NewsRevisions),
        (news.amendments, K::NewsAmendments),
        (news.decisions, K::NewsDecisions),
        (news.comments, K::NewsComments),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, key)| lang.f(key, &[Arg::count("count", count)]))
    .collect()
}

/// On a text page: what is new since the member's last visit, and a link to what changed
/// in the text since the head they saw.
pub fn news_banner(lang: Lang, slug: &str, head: u32, news: &News) -> Markup {
    html! {
        @if !news.is_empty() {
            section.news aria-label=(lang.f(K::NewsSince, &[Arg::text("when", lang.date_time(news.since.at))])) {
                p {
                    strong { (lang.f(K::NewsSince, &[Arg::text("when", lang.date_time(news.since.at))])) }
                    " " (news_items(lang, news).join(", ")) "."
                }
                @if news.since.head < head {
                    p {
                        a href={ "/texts/" (slug) "?since=" (news.since.head) } {
                            (lang.f(K::NewsHighlightChanges, &[Arg::number("revision", news.since.head)]))
                        }
                        " · "
                        a href={ "/texts/" (slug) "/diff/" (news.since.head) ".." (head) } {
                            (lang.f(K::NewsSeeChanges, &[Arg::number("revision", news.since.head)]))
                        }
                    }
                }
            }
        }
    }
}

/// In a list of texts: what is new on one since the member's last visit.
pub fn news_line(lang: Lang, news: &News) -> Markup {
    html! {
        @if !news.is_empty() {
            p.news { (lang.f(K::NewsShort, &[Arg::text("items", news_items(lang, news).join(", "))])) }
        }
    }
}
