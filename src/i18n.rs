//! Every user-facing string, and how each language writes numbers and dates.
//!
//! The messages live in Project Fluent files, one per language (`locales/<tag>.ftl`), that
//! build.rs lists and the binary embeds: adding a file adds a language, with no Rust change.
//! Code names a message by its typed key `K` (a typo does not compile) and reads it through
//! `Lang`: `lang.t(K::X)` for a message without variables (rendered once, at first use, so
//! views get a cheap `&'static str`), `lang.f(K::X, &[Arg::count("count", n)])` for the
//! others. Counts select CLDR plural forms and show with the language's digit grouping.
//! A missing message or variable never panics: the message id (or Fluent's `{$name}`) shows
//! instead, and is logged.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberStyle};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::Memoizable;
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use crate::domain::{AmendmentState, Decision, Phase};

/// `LOCALES` (each language's tag and Fluent source) and `EN`, written by build.rs.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}
use embedded::LOCALES;

// Moments are written and read in `time`; pages and the API take them from here too.
use crate::time::{civil, paris_offset};
pub use crate::time::{paris_local, parse_paris_local, parse_rfc3339, rfc3339, spreadsheet_time};

/// One of the languages of `locales/`: its place in the embedded list.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(u8);

/// Every language in list order (build.rs checks that the list fits a `u8`).
const ALL: [Lang; LOCALES.len()] = {
    let mut all = [Lang(0); LOCALES.len()];
    let mut index = 0;
    while index < all.len() {
        all[index] = Lang(index as u8);
        index += 1;
    }
    all
};

impl Lang {
    /// French, the default: first in the list.
    pub const FR: Lang = Lang(0);
    pub const EN: Lang = Lang(embedded::EN);
    /// Every language, French first then by tag: the order of the language switch.
    pub const ALL: &'static [Lang] = &ALL;

    /// Its tag, as the file is named: `fr`, `en`, `pt-BR`.
    pub fn code(self) -> &'static str {
        LOCALES[usize::from(self.0)].0
    }

    /// The language a tag names, ignoring case.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        LOCALES.iter().position(|(tag, _)| tag.eq_ignore_ascii_case(code)).map(|index| ALL[index])
    }

    /// The preferred of our languages in an `Accept-Language` header (a tag, or failing
    /// that its primary language); French when it names none of them.
    pub fn negotiate(header: Option<&str>) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.unwrap_or_default().split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default().trim();
            let quality =
                pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            if let Some(lang) = Lang::from_code(tag).or_else(|| Lang::from_code(primary))
                && quality > 0.0
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, lang));
            }
        }
        best.map_or(Lang::FR, |(_, lang)| lang)
    }

    /// A message without variables.
    pub fn t(self, key: K) -> &'static str {
        self.language().plain(key)
    }

    /// A message with its variables: `lang.f(K::AnchorParagraphs, &[Arg::number("start", 12),
    /// Arg::number("end", 14)])`.
    pub fn f(self, key: K, args: &[Arg<'_>]) -> String {
        self.language().format(key, args)
    }

    /// A whole number with the language's digit grouping (`20 000`, `20,000`).
    pub fn number(self, value: u64) -> String {
        group_digits(value, self.t(K::DigitGroupSeparator))
    }

    /// A moment in Paris time (the party's), as people write it.
    pub fn date_time(self, timestamp: i64) -> String {
        let local = timestamp + paris_offset(timestamp);
        let (year, month, day, hour, minute) = civil(local);
        self.f(
            K::DateTime,
            &[
                Arg::count("day", day),
                Arg::count("month", month),
                Arg::number("year", year),
                Arg::text("hour", format!("{hour:02}")),
                Arg::text("minute", format!("{minute:02}")),
            ],
        )
    }

    /// A day in Paris time, as people write it ("7 décembre 2026").
    pub fn date(self, timestamp: i64) -> String {
        let local = timestamp + paris_offset(timestamp);
        let (year, month, day, _, _) = civil(local);
        self.f(K::Date, &[Arg::count("day", day), Arg::count("month", month), Arg::number("year", year)])
    }

    fn language(self) -> &'static Language {
        // Lang values are only made from positions in LOCALES, which the catalogue follows.
        &catalogue()[usize::from(self.0)]
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

/// A variable of a message: its name in the `.ftl` files and its value.
#[derive(Clone)]
pub struct Arg<'a> {
    name: &'static str,
    value: FluentValue<'a>,
}

impl<'a> Arg<'a> {
    /// Words: a title, a name, a reference, another message already rendered.
    pub fn text(name: &'static str, value: impl Into<Cow<'a, str>>) -> Self {
        Arg { name, value: FluentValue::String(value.into()) }
    }

    /// A quantity: it selects the plural form (`[one]`, `[other]`…) or an exact variant
    /// (`[0]`), and shows with the language's digit grouping (`20 000`).
    pub fn count(name: &'static str, value: impl Into<FluentNumber>) -> Self {
        Arg { name, value: FluentValue::Number(value.into()) }
    }

    /// A number that names something (¶ 12, revision 3, error 404, the year 2026): shown as
    /// written, never grouped, and not meant for selecting a variant.
    pub fn number(name: &'static str, value: impl fmt::Display) -> Self {
        Arg { name, value: FluentValue::String(value.to_string().into()) }
    }
}

/// One language's messages, loaded from its file.
struct Language {
    id: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
    /// Each message rendered without variables, in `K` order, so that `t` is an index.
    plain: Vec<Plain>,
}

enum Plain {
    Text(String),
    /// Rendered with `{$name}` where its variables go: `f` should have been called.
    NeedsVariables(String),
    Missing,
}

static CATALOGUE: OnceLock<Vec<Language>> = OnceLock::new();

fn catalogue() -> &'static [Language] {
    CATALOGUE.get_or_init(|| LOCALES.iter().map(|(tag, source)| Language::load(tag, source)).collect())
}

impl Language {
    /// Parses a file and renders its messages without variables. Errors are logged and the
    /// rest of the file is used: a broken translation must not take the server down (the
    /// tests refuse it long before).
    fn load(tag: &str, source: &str) -> Language {
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, errors)| {
            tracing::error!("locales/{tag}.ftl: syntax errors, the rest is used: {errors:?}");
            resource
        });
        let id = tag.parse::<LanguageIdentifier>().unwrap_or_else(|error| {
            tracing::error!("locales/{tag}.ftl: {tag} is not a language tag ({error}): no plural rules");
            LanguageIdentifier::default()
        });
        let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
        // Pages are HTML and set their own direction: no isolation marks around variables.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_number));
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!("locales/{tag}.ftl: {errors:?}");
        }
        let plain = K::ALL.iter().map(|key| render_plain(&bundle, *key)).collect::<Vec<_>>();
        for (key, plain) in K::ALL.iter().zip(&plain) {
            if let Plain::Missing = plain {
                tracing::error!("locales/{tag}.ftl: no message {}", key.id());
            }
        }
        Language { id, bundle, plain }
    }

    fn plain(&self, key: K) -> &str {
        match &self.plain[key as usize] {
            Plain::Text(text) => text,
            Plain::NeedsVariables(text) => {
                tracing::warn!("message {} takes variables: call f, not t", key.id());
                text
            }
            Plain::Missing => key.id(),
        }
    }

    fn format(&self, key: K, args: &[Arg<'_>]) -> String {
        let Some(pattern) = self.bundle.get_message(key.id()).and_then(|message| message.value()) else {
            tracing::warn!("message {} missing in {}", key.id(), self.id);
            return key.id().to_owned();
        };
        let mut values = FluentArgs::with_capacity(args.len());
        for arg in args {
            values.set(arg.name, arg.value.clone());
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&values), &mut errors);
        if !errors.is_empty() {
            tracing::warn!("message {} in {}: {errors:?}", key.id(), self.id);
        }
        text.into_owned()
    }
}

fn render_plain(bundle: &FluentBundle<FluentResource>, key: K) -> Plain {
    let Some(pattern) = bundle.get_message(key.id()).and_then(|message| message.value()) else {
        return Plain::Missing;
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, None, &mut errors).into_owned();
    if errors.is_empty() { Plain::Text(text) } else { Plain::NeedsVariables(text) }
}

/// How Fluent shows numbers: whole ones with the language's digit grouping; anything else
/// (fractions, `NUMBER($n, useGrouping: "false")`…) as Fluent does by default.
fn format_number(value: &FluentValue<'_>, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let options = &number.options;
    let plain = options.use_grouping
        && options.style == FluentNumberStyle::Decimal
        && options.minimum_fraction_digits.is_none()
        && options.maximum_fraction_digits.is_none();
    // Below 2^53 every whole f64 is exact, so the cast to u64 loses nothing.
    let whole = number.value.fract() == 0.0 && (0.0..9_007_199_254_740_992.0).contains(&number.value);
    if !plain || !whole {
        return None;
    }
    intls.with_try_get::<Grouping, _, _>((), |grouping| group_digits(number.value as u64, grouping.separator)).ok()
}

/// A language's digit grouping. The number formatter only gets the bundle's memoizer, which
/// knows the language: it builds this once per bundle from the language's own message.
struct Grouping {
    separator: &'static str,
}

impl Memoizable for Grouping {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, (): ()) -> Result<Self, ()> {
        // Not before the catalogue is loaded: only a number literal in a message without
        // variables could ask that early, and it then shows ungrouped.
        let catalogue = CATALOGUE.get().ok_or(())?;
        let index = catalogue.iter().position(|language| language.id == lang).ok_or(())?;
        Ok(Grouping { separator: ALL[index].t(K::DigitGroupSeparator) })
    }
}

fn group_digits(value: u64, separator: &str) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

pub fn state_name(lang: Lang, state: AmendmentState) -> &'static str {
    use AmendmentState::*;
    lang.t(match state {
        Open => K::StateOpen,
        Accepted => K::StateAccepted,
        Rejected => K::StateRejected,
        Withdrawn => K::StateWithdrawn,
        Merged => K::StateMerged,
        Outdated => K::StateOutdated,
    })
}

pub fn phase_name(lang: Lang, phase: Phase) -> &'static str {
    lang.t(match phase {
        Phase::Drafting => K::PhaseDrafting,
        Phase::Consultation => K::PhaseConsultation,
        Phase::Review => K::PhaseReview,
        Phase::Adopted => K::PhaseAdopted,
    })
}

pub fn event_name(lang: Lang, event: Decision) -> &'static str {
    use Decision::*;
    lang.t(match event {
        Proposed => K::EventProposed,
        Edited => K::EventEdited,
        Reanchored => K::EventReanchored,
        Accepted => K::EventAccepted,
        AcceptedModified => K::EventAcceptedModified,
        Rejected => K::EventRejected,
        Withdrawn => K::EventWithdrawn,
        Merged => K::EventMerged,
        Outdated => K::EventOutdated,
        Rebased => K::EventRebased,
    })
}

/// Declares the keys of the catalogue, each with its Fluent id.
macro_rules! messages {
    ($($key:ident => $id:literal,)+) => {
        /// A message of the catalogue; a typo in a key does not compile.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum K { $($key),+ }

        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),+];

            /// Its id in the `.ftl` files.
            pub const fn id(self) -> &'static str {
                match self { $(K::$key => $id),+ }
            }
        }
    };
}

messages! {
    LanguageName => "language-name",
    DigitGroupSeparator => "digit-group-separator",
    DateTime => "date-time",
    CsvSeparator => "csv-separator",
    ListSeparator => "list-separator",
    SiteName => "site-name",
    SkipToContent => "skip-to-content",
    MainNavigation => "main-navigation",
    Language => "language",
    NavTexts => "nav-texts",
    NavPublish => "nav-publish",
    LogIn => "log-in",
    LogOut => "log-out",
    FooterAbout => "footer-about",
    HomeTitle => "home-title",
    HomeLead => "home-lead",
    HomeEmpty => "home-empty",
    RevisionNumber => "revision-number",
    OpenAmendmentsCount => "open-amendments-count",
    MembersOnly => "members-only",
    UpdatedOn => "updated-on",
    TextNavigation => "text-navigation",
    NavText => "nav-text",
    NavAmendments => "nav-amendments",
    NavHistory => "nav-history",
    NavReview => "nav-review",
    NavEdit => "nav-edit",
    OldRevision => "old-revision",
    SeeHead => "see-head",
    Export => "export",
    AmendmentsCsv => "amendments-csv",
    HintTapParagraphs => "hint-tap-paragraphs",
    HintLogInToAmend => "hint-log-in-to-amend",
    AmendParagraph => "amend-paragraph",
    AmendParagraphs => "amend-paragraphs",
    PrintedLineTitle => "printed-line-title",
    AmendmentsOnParagraph => "amendments-on-paragraph",
    ClearSelection => "clear-selection",
    AppendAtEnd => "append-at-end",
    AmendmentsTitle => "amendments-title",
    AmendmentsOnParagraphTitle => "amendments-on-paragraph-title",
    AllAmendments => "all-amendments",
    NoAmendments => "no-amendments",
    ByAuthor => "by-author",
    AnchorInsertBefore => "anchor-insert-before",
    AnchorParagraph => "anchor-paragraph",
    AnchorParagraphs => "anchor-paragraphs",
    AmendmentTitle => "amendment-title",
    OutdatedExplanation => "outdated-explanation",
    Proposal => "proposal",
    AcceptedVersion => "accepted-version",
    AcceptedVersionExplanation => "accepted-version-explanation",
    Rationale => "rationale",
    YourAmendment => "your-amendment",
    EditAmendment => "edit-amendment",
    Reanchor => "reanchor",
    Withdraw => "withdraw",
    Decision => "decision",
    HistoryOfAmendment => "history-of-amendment",
    DecisionNote => "decision-note",
    AcceptModifiedToggle => "accept-modified-toggle",
    ModifiedWording => "modified-wording",
    AcceptModified => "accept-modified",
    Accept => "accept",
    Reject => "reject",
    EditAmendmentTitle => "edit-amendment-title",
    ProposeTitle => "propose-title",
    CurrentWording => "current-wording",
    TargetParagraphs => "target-paragraphs",
    StartParagraph => "start-paragraph",
    ParagraphCount => "paragraph-count",
    ParagraphCountHint => "paragraph-count-hint",
    NewWording => "new-wording",
    NewWordingHint => "new-wording-hint",
    SummaryOptional => "summary-optional",
    SaveAmendment => "save-amendment",
    SubmitAmendment => "submit-amendment",
    StateOpen => "state-open",
    StateAccepted => "state-accepted",
    StateRejected => "state-rejected",
    StateWithdrawn => "state-withdrawn",
    StateMerged => "state-merged",
    StateOutdated => "state-outdated",
    PhaseDrafting => "phase-drafting",
    PhaseConsultation => "phase-consultation",
    PhaseReview => "phase-review",
    PhaseAdopted => "phase-adopted",
    EventProposed => "event-proposed",
    EventEdited => "event-edited",
    EventReanchored => "event-reanchored",
    EventAccepted => "event-accepted",
    EventAcceptedModified => "event-accepted-modified",
    EventRejected => "event-rejected",
    EventWithdrawn => "event-withdrawn",
    EventMerged => "event-merged",
    EventOutdated => "event-outdated",
    ReviewTitle => "review-title",
    MergedNotice => "merged-notice",
    MergeExplanation => "merge-explanation",
    MergeSummary => "merge-summary",
    MergeSelected => "merge-selected",
    SelectForMerge => "select-for-merge",
    AnchoredOnRevision => "anchored-on-revision",
    OutdatedForDrafters => "outdated-for-drafters",
    NoDecisionInState => "no-decision-in-state",
    HistoryTitle => "history-title",
    CompareFrom => "compare-from",
    CompareTo => "compare-to",
    Compare => "compare",
    KindPublished => "kind-published",
    KindEdited => "kind-edited",
    KindMerged => "kind-merged",
    HistoryParagraphCount => "history-paragraph-count",
    MergedAmendments => "merged-amendments",
    DiffWithPrevious => "diff-with-previous",
    DiffTitle => "diff-title",
    SideBySide => "side-by-side",
    InlineView => "inline-view",
    NoDifference => "no-difference",
    DiffOldNumber => "diff-old-number",
    DiffNewNumber => "diff-new-number",
    DiffText => "diff-text",
    DiffBefore => "diff-before",
    DiffAfter => "diff-after",
    DiffUnchangedParagraphs => "diff-unchanged-paragraphs",
    EditTitle => "edit-title",
    EditBaseHint => "edit-base-hint",
    TextBody => "text-body",
    RevisionSummary => "revision-summary",
    SaveRevision => "save-revision",
    EditConflictTitle => "edit-conflict-title",
    ConflictDiffTitle => "conflict-diff-title",
    ConflictYourVersion => "conflict-your-version",
    ConflictExplanation => "conflict-explanation",
    ConflictHeadVersion => "conflict-head-version",
    PublishTitle => "publish-title",
    SlugHint => "slug-hint",
    Visibility => "visibility",
    VisibilityPublic => "visibility-public",
    VisibilityMembers => "visibility-members",
    BodyHint => "body-hint",
    Publish => "publish",
    BackHome => "back-home",
    StatusCode => "status-code",
    Status400 => "status-400",
    Status401 => "status-401",
    Status403 => "status-403",
    Status404 => "status-404",
    Status405 => "status-405",
    Status409 => "status-409",
    Status413 => "status-413",
    Status422 => "status-422",
    Status429 => "status-429",
    Status500 => "status-500",
    FieldSlug => "field-slug",
    FieldTitle => "field-title",
    FieldSummary => "field-summary",
    FieldRationale => "field-rationale",
    FieldNote => "field-note",
    FieldLogin => "field-login",
    FieldName => "field-name",
    FieldPassword => "field-password",
    ErrPayloadTooLarge => "err-payload-too-large",
    ErrNotFound => "err-not-found",
    ErrMethodNotAllowed => "err-method-not-allowed",
    ErrCsrf => "err-csrf",
    ErrBadToken => "err-bad-token",
    ErrUnauthenticated => "err-unauthenticated",
    ErrWrongCredentials => "err-wrong-credentials",
    ErrForbidden => "err-forbidden",
    ErrRateLimited => "err-rate-limited",
    ErrInternal => "err-internal",
    ErrTooManyChars => "err-too-many-characters",
    ErrTooManyParagraphs => "err-too-many-paragraphs",
    ErrParagraphTooLong => "err-paragraph-too-long",
    ErrControlCharacter => "err-control-character",
    ErrFieldMissing => "err-field-missing",
    ErrFieldTooLong => "err-field-too-long",
    ErrFieldTooShort => "err-field-too-short",
    ErrFieldCharacters => "err-field-characters",
    ErrSlugCharacters => "err-slug-characters",
    ErrLoginCharacters => "err-login-characters",
    ErrFieldReserved => "err-field-reserved",
    ErrAnchorZero => "err-anchor-zero",
    ErrAnchorOutside => "err-anchor-outside",
    ErrUnknownRevision => "err-unknown-revision",
    ErrNoChange => "err-no-change",
    ErrEmptyText => "err-empty-text",
    ErrNothingToMerge => "err-nothing-to-merge",
    ErrTooManyToMerge => "err-too-many-to-merge",
    ErrMergeEmptiesText => "err-merge-empties-text",
    ErrDuplicateAmendment => "err-duplicate-amendment",
    ErrForeignAmendment => "err-foreign-amendment",
    ErrEditConflict => "err-edit-conflict",
    ErrHeadMoved => "err-head-moved",
    ErrCollisions => "err-collisions",
    CollisionOverlap => "collision-overlap",
    CollisionInside => "collision-inside",
    ErrAnchorTouched => "err-anchor-touched",
    ErrPhaseClosed => "err-phase-closed",
    ErrAmendmentState => "err-amendment-state",
    ErrNotOnHead => "err-not-on-head",
    ErrSlugTaken => "err-slug-taken",
    ErrLoginTaken => "err-login-taken",
    CsvReference => "csv-reference",
    CsvId => "csv-id",
    CsvRevision => "csv-revision",
    CsvState => "csv-state",
    CsvAuthor => "csv-author",
    CsvSummary => "csv-summary",
    CsvRationale => "csv-rationale",
    CsvCurrentWording => "csv-current-wording",
    CsvProposedWording => "csv-proposed-wording",
    CsvDecidedWording => "csv-decided-wording",
    EventCarried => "event-carried",
    WithdrawConfirmation => "withdraw-confirmation",
    ConfirmWithdrawal => "confirm-withdrawal",
    StaleTitle => "stale-title",
    StaleExplanation => "stale-explanation",
    StaleWordingChange => "stale-wording-change",
    StaleStateChange => "stale-state-change",
    StaleUnknownVersion => "stale-unknown-version",
    ErrStaleAmendment => "err-stale-amendment",
    ErrStaleText => "err-stale-text",
    ErrSubmissionKeyReused => "err-submission-key-reused",
    ErrUnknownTopic => "err-unknown-topic",
    ErrDuplicateProposal => "err-duplicate-proposal",
    NoticeFiled => "notice-filed",
    NoticeAlreadyFiled => "notice-already-filed",
    NoticeEdited => "notice-edited",
    NoticeWithdrawn => "notice-withdrawn",
    NoticeDecided => "notice-decided",
    InsertionPoint => "insertion-point",
    PreviewTitle => "preview-title",
    PreviewAmendment => "preview-amendment",
    PreviewAgain => "preview-again",
    RangeChanged => "range-changed",
    LogInToSend => "log-in-to-send",
    FormCameBack => "form-came-back",
    SessionEnded => "session-ended",
    ErrNotUtf8 => "err-not-utf8",
    ErrNotJson => "err-not-json",
    ErrMissingField => "err-missing-field",
    ErrUnknownField => "err-unknown-field",
    ErrUnreadableHeader => "err-unreadable-header",
    ErrUnreadable => "err-unreadable",
    ErrExpectedInteger => "err-expected-integer",
    ErrExpectedText => "err-expected-text",
    ErrExpectedList => "err-expected-list",
    ErrExpectedBoolean => "err-expected-boolean",
    ErrExpectedObject => "err-expected-object",
    ErrExpectedSomething => "err-expected-something",
    ErrExpectedOneOf => "err-expected-one-of",
    FieldFrom => "field-from",
    FieldTo => "field-to",
    FieldRevision => "field-revision",
    FieldParagraph => "field-paragraph",
    FieldState => "field-state",
    FieldView => "field-view",
    Retitled => "retitled",
    CsvFirstParagraph => "csv-first-paragraph",
    CsvParagraphCount => "csv-paragraph-count",
    CsvDecision => "csv-decision",
    CsvDecidedBy => "csv-decided-by",
    CsvDecidedAt => "csv-decided-at",
    CsvDecisionNote => "csv-decision-note",
    CsvContinued => "csv-continued",
    CsvFileName => "csv-file-name",
    FilterState => "filter-state",
    FilterAll => "filter-all",
    FilterToDecide => "filter-to-decide",
    FilterAuthor => "filter-author",
    FilterAnyAuthor => "filter-any-author",
    FilterSection => "filter-section",
    FilterWholeText => "filter-whole-text",
    FilterApply => "filter-apply",
    MatchingAmendments => "matching-amendments",
    PageOf => "page-of",
    Pages => "pages",
    PreviousPage => "previous-page",
    NextPage => "next-page",
    ShowEverything => "show-everything",
    ShowByPages => "show-by-pages",
    ShowAccepted => "show-accepted",
    HintParagraphLinks => "hint-paragraph-links",
    NavReviewShort => "nav-review-short",
    NavEditShort => "nav-edit-short",
    ErrTokenLabel => "err-token-label",
    ErrTokenLifetime => "err-token-lifetime",
    ErrTimedOut => "err-timed-out",
    NavTokens => "nav-tokens",
    TokensTitle => "tokens-title",
    TokensLead => "tokens-lead",
    TokensNone => "tokens-none",
    TokenLabel => "token-label",
    TokenNoLabel => "token-no-label",
    TokenCreatedAt => "token-created-at",
    TokenExpiresAt => "token-expires-at",
    TokenExpired => "token-expired",
    TokenLastUsed => "token-last-used",
    TokenNeverUsed => "token-never-used",
    TokenRevoke => "token-revoke",
    TokenRevokeConfirmation => "token-revoke-confirmation",
    TokenConfirmRevoke => "token-confirm-revoke",
    TokenRevoked => "token-revoked",
    TokenNew => "token-new",
    TokenLifetimeDays => "token-lifetime-days",
    TokenCreate => "token-create",
    TokenSecretOnce => "token-secret-once",
    TokenUsage => "token-usage",
    ErrInapplicableField => "err-inapplicable-field",
    ErrDeadlineOutsideConsultation => "err-deadline-outside-consultation",
    ErrDeadlinePassed => "err-deadline-passed",
    ErrDeadlineTooFar => "err-deadline-too-far",
    ErrExpectedDateTime => "err-expected-date-time",
    DeadlineUntil => "deadline-until",
    DeadlineClosed => "deadline-closed",
    TimeLeftDays => "time-left-days",
    TimeLeftHours => "time-left-hours",
    TimeLeftMinutes => "time-left-minutes",
    PhaseTitle => "phase-title",
    PhaseHeading => "phase-heading",
    PhaseNow => "phase-now",
    FieldPhase => "field-phase",
    FieldDeadline => "field-deadline",
    DeadlineHint => "deadline-hint",
    SetPhase => "set-phase",
    PhaseMeansDrafting => "phase-means-drafting",
    PhaseMeansConsultation => "phase-means-consultation",
    PhaseMeansReview => "phase-means-review",
    PhaseMeansAdopted => "phase-means-adopted",
    ChangePhaseLink => "change-phase-link",
    NavPhase => "nav-phase",
    ErrDeadlineUnreadable => "err-deadline-unreadable",
    ErrPhaseMissing => "err-phase-missing",
    ErrTopicTaken => "err-topic-taken",
    FieldDescription => "field-description",
    TopicsTitle => "topics-title",
    TopicsNone => "topics-none",
    TopicEmpty => "topic-empty",
    PublishInTopic => "publish-in-topic",
    NewTopic => "new-topic",
    OpenTopic => "open-topic",
    AlreadyThereTitle => "already-there-title",
    AlreadyThereLead => "already-there-lead",
    FieldTopic => "field-topic",
    NoTopic => "no-topic",
    OtherTexts => "other-texts",
    NavTopics => "nav-topics",
    TextsCount => "texts-count",
    ErrOwnAmendment => "err-own-amendment",
    ErrMinSupporters => "err-min-supporters",
    ErrQuorumNotReached => "err-quorum-not-reached",
    CoSignatures => "co-signatures",
    CollectingCoSigners => "collecting-co-signers",
    ConfirmCoSignature => "confirm-co-signature",
    WhatChangedSinceSigned => "what-changed-since-signed",
    ConfirmMyCoSignature => "confirm-my-co-signature",
    CoSign => "co-sign",
    WithdrawCoSignature => "withdraw-co-signature",
    SignedEarlierWording => "signed-earlier-wording",
    CoSigned => "co-signed",
    CoSignatureWithdrawn => "co-signature-withdrawn",
    CoSignersOfNeeded => "co-signers-of-needed",
    CoSignersCount => "co-signers-count",
    EarlierCoSigners => "earlier-co-signers",
    SettingsHeading => "settings-heading",
    FieldMinSupporters => "field-min-supporters",
    MinSupportersHint => "min-supporters-hint",
    SaveSettings => "save-settings",
    PhaseMoves => "phase-moves",
    ClosingOn => "closing-on",
    ErrNotAnObject => "err-not-an-object",
    ErrVotesCastSecret => "err-votes-cast-secret",
    ErrVotesCastOpen => "err-votes-cast-open",
    ErrNoBallotKey => "err-no-ballot-key",
    ErrBallotSealed => "err-ballot-sealed",
    FieldVotes => "field-votes",
    VotesSecret => "votes-secret",
    VotesSecretMeans => "votes-secret-means",
    VotesOpen => "votes-open",
    VotesOpenMeans => "votes-open-means",
    VotesHint => "votes-hint",
    NoVotesYet => "no-votes-yet",
    VotesFor => "votes-for",
    VotesAgainst => "votes-against",
    VotesAbstain => "votes-abstain",
    VoteFor => "vote-for",
    VoteAgainst => "vote-against",
    VoteAbstain => "vote-abstain",
    VotesHeading => "votes-heading",
    YourVote => "your-vote",
    YourVoteSealed => "your-vote-sealed",
    CastVote => "cast-vote",
    ChangeVote => "change-vote",
    VotesSecretNote => "votes-secret-note",
    VotesOpenNote => "votes-open-note",
    NoticeVoted => "notice-voted",
    VoteLegend => "vote-legend",
    SortBy => "sort-by",
    SortByLine => "sort-by-line",
    SortByCoSigners => "sort-by-co-signers",
    SortByVotes => "sort-by-votes",
    FieldComment => "field-comment",
    FieldHideReason => "field-hide-reason",
    ErrCommentPlace => "err-comment-place",
    ErrNoSuchParagraph => "err-no-such-paragraph",
    ErrReplyToReply => "err-reply-to-reply",
    ErrCommentClosed => "err-comment-closed",
    CommentsOnParagraph => "comments-on-paragraph",
    CommentParagraph => "comment-paragraph",
    NoCommentsYet => "no-comments-yet",
    Reply => "reply",
    YourReply => "your-reply",
    YourComment => "your-comment",
    CommentHint => "comment-hint",
    SendReply => "send-reply",
    SendComment => "send-comment",
    CommentEdited => "comment-edited",
    CommentHiddenBecause => "comment-hidden-because",
    CommentDeleted => "comment-deleted",
    EditComment => "edit-comment",
    DeleteComment => "delete-comment",
    HideComment => "hide-comment",
    CommentsOnParagraphTitle => "comments-on-paragraph-title",
    CommentsOnAmendmentTitle => "comments-on-amendment-title",
    CommentsOnTextTitle => "comments-on-text-title",
    ParagraphInText => "paragraph-in-text",
    ParagraphInRevision => "paragraph-in-revision",
    BackToAmendment => "back-to-amendment",
    AddComment => "add-comment",
    CommentsClosed => "comments-closed",
    CommentTitle => "comment-title",
    BackToDiscussion => "back-to-discussion",
    SaveComment => "save-comment",
    DeleteCommentHint => "delete-comment-hint",
    HideCommentHint => "hide-comment-hint",
    NavComments => "nav-comments",
    CommentsHeading => "comments-heading",
    CommentsOnOtherParagraphs => "comments-on-other-paragraphs",
    CommentsCount => "comments-count",
    FieldEmail => "field-email",
    ErrRosterEmpty => "err-roster-empty",
    ErrRosterMore => "err-roster-more",
    ErrRowRole => "err-row-role",
    ErrRowDuplicate => "err-row-duplicate",
    ErrRowColumns => "err-row-columns",
    ErrRowUnreadable => "err-row-unreadable",
    RowLine => "row-line",
    ErrLastAdmin => "err-last-admin",
    ErrMemberInactive => "err-member-inactive",
    ErrInvitationExpired => "err-invitation-expired",
    ErrRosterTooManyRows => "err-roster-too-many-rows",
    ErrRosterRows => "err-roster-rows",
    RoleMember => "role-member",
    RoleDrafter => "role-drafter",
    RoleAdmin => "role-admin",
    FieldRole => "field-role",
    InvitationLink => "invitation-link",
    ValidUntil => "valid-until",
    MemberDeactivated => "member-deactivated",
    MemberNoPassword => "member-no-password",
    MemberActive => "member-active",
    InvitedUntil => "invited-until",
    ChangeRole => "change-role",
    Deactivate => "deactivate",
    Reactivate => "reactivate",
    NewInvitation => "new-invitation",
    MembersTitle => "members-title",
    NavMembers => "nav-members",
    AddMember => "add-member",
    NameHint => "name-hint",
    AddMemberButton => "add-member-button",
    ImportMembers => "import-members",
    MembersList => "members-list",
    MembersListHint => "members-list-hint",
    ImportButton => "import-button",
    WelcomeName => "welcome-name",
    InvitationIntro => "invitation-intro",
    PasswordAgain => "password-again",
    SetPassword => "set-password",
    ErrPasswordsDiffer => "err-passwords-differ",
    MemberChanged => "member-changed",
    ErrAccountDeactivated => "err-account-deactivated",
    InvitationsMade => "invitations-made",
    MembersCount => "members-count",
    PasswordHint => "password-hint",
    FormerMember => "former-member",
    AccountTitle => "account-title",
    LoginPrivate => "login-private",
    DownloadMyData => "download-my-data",
    ChangePassword => "change-password",
    CurrentPassword => "current-password",
    NewPassword => "new-password",
    DeleteAccount => "delete-account",
    DeleteAccountHint => "delete-account-hint",
    DeleteAccountButton => "delete-account-button",
    PasswordChanged => "password-changed",
    FieldMaxOpen => "field-max-open",
    MaxOpenHint => "max-open-hint",
    ErrTooManyOpen => "err-too-many-open",
    ErrTooFastProposals => "err-too-fast-proposals",
    ErrTooFastComments => "err-too-fast-comments",
    ErrMaxOpenPerMember => "err-max-open-per-member",
    CreateAccount => "create-account",
    NoAccountHint => "no-account-hint",
    RegistrationOpen => "registration-open",
    RegistrationClosed => "registration-closed",
    OpenRegistration => "open-registration",
    CloseRegistration => "close-registration",
    SearchMembers => "search-members",
    Search => "search",
    NavQuestions => "nav-questions",
    QuestionOnParagraph => "question-on-paragraph",
    QuestionOpenUntil => "question-open-until",
    QuestionClosedOn => "question-closed-on",
    MyAnswer => "my-answer",
    AnswerSealed => "answer-sealed",
    YourAnswer => "your-answer",
    ChangeAnswer => "change-answer",
    SendAnswer => "send-answer",
    AnswersSecretNote => "answers-secret-note",
    QuestionsTitle => "questions-title",
    NoQuestions => "no-questions",
    AskQuestion => "ask-question",
    FieldQuestion => "field-question",
    FieldChoice => "field-choice",
    FieldChoices => "field-choices",
    ChoicesHint => "choices-hint",
    FieldQuestionParagraph => "field-question-paragraph",
    FieldClosesAt => "field-closes-at",
    ErrChooseAnswer => "err-choose-answer",
    ErrChoicesAlike => "err-choices-alike",
    ErrQuestionClosed => "err-question-closed",
    QuestionsOf => "questions-of",
    AnswersCount => "answers-count",
    ChoiceCount => "choice-count",
    ErrChoiceCount => "err-choice-count",
    ErrUnknownChoice => "err-unknown-choice",
    ErrQueryTooLong => "err-query-too-long",
    ErrQueryTooManyTerms => "err-query-too-many-terms",
    ErrQueryPrefixTooShort => "err-query-prefix-too-short",
    SearchTitle => "search-title",
    SearchLabel => "search-label",
    SearchButton => "search-button",
    SearchHint => "search-hint",
    SearchNothing => "search-nothing",
    SearchResultsFor => "search-results-for",
    SearchKindText => "search-kind-text",
    SearchKindParagraph => "search-kind-paragraph",
    SearchKindAmendment => "search-kind-amendment",
    SearchKindComment => "search-kind-comment",
    SearchKindQuestion => "search-kind-question",
    SearchFirstOf => "search-first-of",
    SearchOnlyKind => "search-only-kind",
    SearchFilterKind => "search-filter-kind",
    SearchAnyKind => "search-any-kind",
    SearchFilterText => "search-filter-text",
    SearchAnyText => "search-any-text",
    SearchFilterTopic => "search-filter-topic",
    SearchAnyTopic => "search-any-topic",
    SearchFilterState => "search-filter-state",
    SearchAnyState => "search-any-state",
    SearchByAuthor => "search-by-author",
    SearchAllAuthors => "search-all-authors",
    SearchParagraph => "search-paragraph",
    SearchFilters => "search-filters",
    FateOpen => "fate-open",
    RecordMine => "record-mine",
    FateAccepted => "fate-accepted",
    FateAcceptedModified => "fate-accepted-modified",
    FateAdoptedKept => "fate-adopted-kept",
    FateAdoptedPartly => "fate-adopted-partly",
    FateAdoptedGone => "fate-adopted-gone",
    FateAdoptedDeletion => "fate-adopted-deletion",
    FateModified => "fate-modified",
    FateRejected => "fate-rejected",
    FateRejectedNote => "fate-rejected-note",
    FateWithdrawn => "fate-withdrawn",
    FateOutdated => "fate-outdated",
    FateTitle => "fate-title",
    MyAmendmentsTitle => "my-amendments-title",
    MyAmendmentsNone => "my-amendments-none",
    OutcomesTitle => "outcomes-title",
    OutcomesLink => "outcomes-link",
    OutcomesNone => "outcomes-none",
    RecordAdopted => "record-adopted",
    RecordAccepted => "record-accepted",
    RecordRejected => "record-rejected",
    RecordWithdrawn => "record-withdrawn",
    RecordOutdated => "record-outdated",
    RecordOpen => "record-open",
    RecordTotal => "record-total",
    FeedSiteTitle => "feed-site-title",
    FeedTopicTitle => "feed-topic-title",
    FeedTextTitle => "feed-text-title",
    FeedRevisionTitle => "feed-revision-title",
    FeedAmendmentTitle => "feed-amendment-title",
    FeedLink => "feed-link",
    NavNotifications => "nav-notifications",
    NotificationsTitle => "notifications-title",
    NotificationsEmpty => "notifications-empty",
    NotificationsMarkAllRead => "notifications-mark-all-read",
    NotificationsMarkRead => "notifications-mark-read",
    NotificationsOlder => "notifications-older",
    NotificationsSettingsLink => "notifications-settings-link",
    NotificationUnread => "notification-unread",
    NotifyKindDecision => "notify-kind-decision",
    NotifyKindOutdated => "notify-kind-outdated",
    NotifyKindReconfirm => "notify-kind-reconfirm",
    NotifyKindReply => "notify-kind-reply",
    NotifyKindRevision => "notify-kind-revision",
    NotifyKindPhase => "notify-kind-phase",
    NoticeAccepted => "notice-accepted",
    NoticeAcceptedModified => "notice-accepted-modified",
    NoticeRejected => "notice-rejected",
    NoticeMerged => "notice-merged",
    NoticeOutdated => "notice-outdated",
    NoticeReconfirm => "notice-reconfirm",
    NoticeReply => "notice-reply",
    NoticeRevision => "notice-revision",
    NoticePhase => "notice-phase",
    NoticeDeadline => "notice-deadline",
    NoticeOnText => "notice-on-text",
    NotifySettingsTitle => "notify-settings-title",
    NotifyWhat => "notify-what",
    NotifyInApp => "notify-in-app",
    NotifyByEmail => "notify-by-email",
    NotifyEmails => "notify-emails",
    NotifyEmailEach => "notify-email-each",
    NotifyEmailDigest => "notify-email-digest",
    NotifyEmailLanguage => "notify-email-language",
    NotifyNoEmail => "notify-no-email",
    NotifyNoSmtp => "notify-no-smtp",
    NotifyEmailTo => "notify-email-to",
    NotifySave => "notify-save",
    NotifySaved => "notify-saved",
    NotifyFollowed => "notify-followed",
    NotifyFollowedNone => "notify-followed-none",
    FollowText => "follow-text",
    UnfollowText => "unfollow-text",
    FollowingNote => "following-note",
    UnsubscribeTitle => "unsubscribe-title",
    UnsubscribeKindConfirm => "unsubscribe-kind-confirm",
    UnsubscribeAllConfirm => "unsubscribe-all-confirm",
    UnsubscribeButton => "unsubscribe-button",
    UnsubscribeDone => "unsubscribe-done",
    EmailGreeting => "email-greeting",
    EmailSee => "email-see",
    EmailWhy => "email-why",
    EmailUnsubscribeKind => "email-unsubscribe-kind",
    EmailUnsubscribeAll => "email-unsubscribe-all",
    EmailSettings => "email-settings",
    DigestMore => "digest-more",
    NotificationsBell => "notifications-bell",
    DigestSubject => "digest-subject",
    DigestIntro => "digest-intro",
    NoticeRejectedNote => "notice-rejected-note",
    NoticeCommentOnAmendment => "notice-comment-on-amendment",
    NewsSince => "news-since",
    NewsSeeChanges => "news-see-changes",
    NewsShort => "news-short",
    NewsRevisions => "news-revisions",
    NewsAmendments => "news-amendments",
    NewsDecisions => "news-decisions",
    NewsComments => "news-comments",
    Date => "date",
    StatsAmendmentsAuthors => "stats-amendments-authors",
    StatsAmendmentCount => "stats-amendment-count",
    StatsMembersCounts => "stats-members-counts",
    NavStats => "nav-stats",
    StatsTitle => "stats-title",
    StatsBySection => "stats-by-section",
    StatsBySectionHint => "stats-by-section-hint",
    StatsStartOfText => "stats-start-of-text",
    StatsFates => "stats-fates",
    StatsActivity => "stats-activity",
    StatsPerWeek => "stats-per-week",
    StatsPerMonth => "stats-per-month",
    StatsSeriesAmendments => "stats-series-amendments",
    StatsSeriesDecisions => "stats-series-decisions",
    StatsSeriesComments => "stats-series-comments",
    StatsSeeFigures => "stats-see-figures",
    StatsFrom => "stats-from",
    StatsAmongMembers => "stats-among-members",
    StatsMostSupported => "stats-most-supported",
    StatsMostVoted => "stats-most-voted",
    StatsMembersOnly => "stats-members-only",
    StatsNone => "stats-none",
    StatsText => "stats-text",
    StatsAmendments => "stats-amendments",
    StatsAdopted => "stats-adopted",
    StatsTopicTexts => "stats-topic-texts",
    ShareTitle => "share-title",
    SharePermalink => "share-permalink",
    ShareByEmail => "share-by-email",
    ShareEmbed => "share-embed",
    ShareEmbedHint => "share-embed-hint",
    EmbedReadOn => "embed-read-on",
    PreviewTextKicker => "preview-text-kicker",
    PreviewAmendmentKicker => "preview-amendment-kicker",
    PreviewTextFooter => "preview-text-footer",
    EventRebased => "event-rebased",
    NoticeRebased => "notice-rebased",
    RebasedBadge => "rebased-badge",
    RebasedBadgeTitle => "rebased-badge-title",
    RebasedExplanation => "rebased-explanation",
    PreviewMergeButton => "preview-merge-button",
    PreviewMergeTitle => "preview-merge-title",
    PreviewMergeExplanation => "preview-merge-explanation",
    PreviewMergeCollisions => "preview-merge-collisions",
    PreviewMergeChosen => "preview-merge-chosen",
    PreviewMergeLeftOut => "preview-merge-left-out",
    PreviewMergeBack => "preview-merge-back",
    CompetingTitle => "competing-title",
    CompetingExplanation => "competing-explanation",
    CompetingThis => "competing-this",
    CompetingReach => "competing-reach",
    FieldPrintedWidth => "field-printed-width",
    PrintedWidthHint => "printed-width-hint",
    ErrPrintedWidth => "err-printed-width",
    PrintedTitle => "printed-title",
    PrintedMeta => "printed-meta",
    PrintedHint => "printed-hint",
    PrintedLink => "printed-link",
    PrintedLine => "printed-line",
    PrintedLines => "printed-lines",
    LiveTitle => "live-title",
    LiveHeading => "live-heading",
    LiveBadge => "live-badge",
    LiveHint => "live-hint",
    LiveDecisions => "live-decisions",
    LiveText => "live-text",
    LiveNothingDecided => "live-nothing-decided",
    LiveLink => "live-link",
    LiveUpdated => "live-updated",
    LiveLost => "live-lost",
    LiveCounts => "live-counts",
    ErrNotEditorial => "err-not-editorial",
    EditorialBadge => "editorial-badge",
    EditorialBadgeTitle => "editorial-badge-title",
    FieldEditorial => "field-editorial",
    MarkEditorial => "mark-editorial",
    UnmarkEditorial => "unmark-editorial",
    EditorialHeading => "editorial-heading",
    EditorialExplanation => "editorial-explanation",
    MergeEditorial => "merge-editorial",
    EditorialMerged => "editorial-merged",
    EditorialColliding => "editorial-colliding",
    EditorialBelowQuorum => "editorial-below-quorum",
    ProvenanceTitle => "provenance-title",
    ProvenanceHeading => "provenance-heading",
    ProvenanceLink => "provenance-link",
    ProvenanceMerged => "provenance-merged",
    ProvenanceFirst => "provenance-first",
    ProvenanceEdit => "provenance-edit",
    ProvenanceSummary => "provenance-summary",
    AlternativesTitle => "alternatives-title",
    AlternativesHeading => "alternatives-heading",
    AlternativesLink => "alternatives-link",
    AlternativesExplanation => "alternatives-explanation",
    AlternativesIncomplete => "alternatives-incomplete",
    AlternativesNone => "alternatives-none",
    AlternativesExcludes => "alternatives-excludes",
    AlternativesGroup => "alternatives-group",
    ErrUnknownHunk => "err-unknown-hunk",
    AdoptInPart => "adopt-in-part",
    AdoptInPartHint => "adopt-in-part-hint",
    AcceptTicked => "accept-ticked",
    BookTitle => "book-title",
    BookBack => "book-back",
    BookLink => "book-link",
    BookSubtitle => "book-subtitle",
    BookCoSigners => "book-co-signers",
    BookTally => "book-tally",
    CsvFirstPrintedLine => "csv-first-printed-line",
    CsvLastPrintedLine => "csv-last-printed-line",
    SheetName => "sheet-name",
    ErrRevisionRange => "err-revision-range",
    ErrTooManyRevisions => "err-too-many-revisions",
    TrackedDownload => "tracked-download",
    TrackedExportHint => "tracked-export-hint",
    BookFileName => "book-file-name",
    FateAdoptedPartlyBy => "fate-adopted-partly-by",
    FateAdoptedGoneBy => "fate-adopted-gone-by",
    NewsHighlightChanges => "news-highlight-changes",
    SinceClear => "since-clear",
    SinceHighlighted => "since-highlighted",
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;
    use crate::time::days_from_civil;

    #[test]
    fn the_list_follows_the_files() {
        assert_eq!(Lang::ALL.len(), LOCALES.len());
        assert_eq!(Lang::FR.code(), "fr");
        assert_eq!(Lang::EN.code(), "en");
        assert_eq!(Lang::ALL[0], Lang::FR, "French, the default, comes first");
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(&lang.code().to_uppercase()), Some(*lang));
        }
        assert_eq!(Lang::from_code("qaa"), None);
    }

    #[test]
    fn every_message_exists_in_every_language_with_the_same_variables() {
        let french = messages("fr", LOCALES[0].1);
        for (tag, source) in LOCALES {
            let found = messages(tag, source);
            for key in K::ALL {
                let Some(variables) = found.get(key.id()) else {
                    panic!("locales/{tag}.ftl has no message {} ({key:?})", key.id());
                };
                assert_eq!(Some(variables), french.get(key.id()), "locales/{tag}.ftl: variables of {}", key.id());
            }
        }
    }

    #[test]
    fn no_file_holds_a_message_the_code_does_not_know() {
        let known: BTreeSet<&str> = K::ALL.iter().map(|key| key.id()).collect();
        for (tag, source) in LOCALES {
            for id in messages(tag, source).keys() {
                assert!(known.contains(id), "locales/{tag}.ftl: {id} is not a key of K (a dead message?)");
            }
        }
    }

    #[test]
    fn every_file_loads_into_a_bundle_without_error() {
        for (tag, source) in LOCALES {
            assert!(FluentResource::try_new(source.to_string()).is_ok(), "{tag}");
            let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().expect("a language tag")]);
            assert!(bundle.add_resource(FluentResource::try_new(source.to_string()).expect("parses")).is_ok(), "{tag}");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let amendments = |lang: Lang, count: u64| lang.f(K::OpenAmendmentsCount, &[Arg::count("count", count)]);
        assert_eq!(amendments(Lang::FR, 0), "0 amendement ouvert");
        assert_eq!(amendments(Lang::FR, 1), "1 amendement ouvert");
        assert_eq!(amendments(Lang::FR, 2), "2 amendements ouverts");
        assert_eq!(amendments(Lang::FR, 1_000), "1\u{202f}000 amendements ouverts");
        assert_eq!(amendments(Lang::EN, 0), "0 open amendments");
        assert_eq!(amendments(Lang::EN, 1), "1 open amendment");
        assert_eq!(amendments(Lang::EN, 2), "2 open amendments");
        assert_eq!(amendments(Lang::EN, 1_000), "1,000 open amendments");
        let paragraphs = |lang: Lang, count: usize| lang.f(K::HistoryParagraphCount, &[Arg::count("count", count)]);
        assert_eq!(paragraphs(Lang::FR, 1), "1 alinéa");
        assert_eq!(paragraphs(Lang::FR, 20_000), "20\u{202f}000 alinéas");
        assert_eq!(paragraphs(Lang::EN, 1), "1 paragraph");
        assert_eq!(paragraphs(Lang::EN, 12_345_678), "12,345,678 paragraphs");
        // An exact variant comes before the plural categories.
        let merge = |lang: Lang, count: u64| lang.f(K::MergeExplanation, &[Arg::count("count", count)]);
        assert_eq!(merge(Lang::EN, 0), "No accepted amendment waits to be merged.");
        assert!(merge(Lang::EN, 1).starts_with("1 accepted amendment can be merged. Tick it,"));
        // Two quantities in one sentence, each with its own plural.
        let outside = |lang: Lang, start: u32, end: u32, len: usize| {
            let span = Arg::count("span", end - start + 1);
            let targeted = [Arg::number("start", start), Arg::number("end", end), span, Arg::count("count", len)];
            lang.f(K::ErrAnchorOutside, &targeted)
        };
        assert_eq!(outside(Lang::FR, 2, 2, 1), "L’alinéa 2 est hors du texte, qui compte 1 alinéa.");
        assert_eq!(outside(Lang::FR, 3, 11, 4), "Les alinéas 3 à 11 sont hors du texte, qui compte 4 alinéas.");
        assert_eq!(outside(Lang::EN, 2, 2, 1), "Paragraph 2 lies outside the text, which has 1 paragraph.");
        assert_eq!(outside(Lang::EN, 3, 11, 4), "Paragraphs 3 to 11 lie outside the text, which has 4 paragraphs.");
    }

    #[test]
    fn numbers_that_name_things_are_not_grouped() {
        let label = Lang::FR.f(K::AnchorParagraphs, &[Arg::number("start", 1_234), Arg::number("end", 12_345)]);
        assert_eq!(label, "alinéas 1234 à 12345");
        assert_eq!(Lang::EN.f(K::AnchorParagraph, &[Arg::number("paragraph", 1_234)]), "¶ 1234");
        assert_eq!(Lang::FR.f(K::AnchorInsertBefore, &[Arg::number("paragraph", 3)]), "insertion avant l’al. 3");
    }

    #[test]
    fn missing_messages_and_variables_show_without_panicking() {
        let partial = Language::load("fr", "site-name = Redraft\nrevision-number = révision { $revision }\n");
        assert_eq!(partial.plain(K::SiteName), "Redraft");
        assert_eq!(partial.plain(K::HomeTitle), "home-title", "a missing message shows its id");
        assert_eq!(partial.format(K::HomeTitle, &[]), "home-title");
        assert_eq!(partial.format(K::RevisionNumber, &[]), "révision {$revision}");
        assert_eq!(partial.plain(K::RevisionNumber), "révision {$revision}");
        let broken = Language::load("fr", "site-name = }\nhome-title = Textes\n");
        assert_eq!(broken.plain(K::HomeTitle), "Textes", "a syntax error costs its message only");
        assert_eq!(broken.plain(K::SiteName), "site-name");
    }

    #[test]
    fn negotiation() {
        assert_eq!(Lang::negotiate(None), Lang::FR);
        assert_eq!(Lang::negotiate(Some("en-GB,en;q=0.9,fr;q=0.8")), Lang::EN);
        // ISO 639 keeps qaa–qtz for local use: no catalogue will ever be named so.
        assert_eq!(Lang::negotiate(Some("qaa-QA,fr;q=0.5,en;q=0.4")), Lang::FR);
        assert_eq!(Lang::negotiate(Some("qaa")), Lang::FR);
        assert_eq!(Lang::negotiate(Some("en;q=0, qaa")), Lang::FR);
        assert_eq!(Lang::negotiate(Some("")), Lang::FR);
    }

    #[test]
    fn negotiates_every_language_whose_file_exists() {
        for lang in Lang::ALL {
            let code = lang.code();
            assert_eq!(Lang::negotiate(Some(code)), *lang);
            assert_eq!(Lang::negotiate(Some(&format!("qaa, {code}-ZZ;q=0.9, fr;q=0.1"))), *lang);
            assert_eq!(Lang::from_code(code), Some(*lang));
        }
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(Lang::EN.number(1_234_567), "1,234,567");
        assert_eq!(Lang::FR.number(20_000), "20\u{202f}000");
        assert_eq!(Lang::EN.number(999), "999");
        // 2026-11-26 03:25 UTC is 04:25 in Paris (winter); 2026-07-14 10:00 UTC is 12:00.
        assert_eq!(Lang::EN.date_time(1_795_663_500), "26 November 2026, 04:25");
        assert_eq!(Lang::FR.date_time(1_784_023_200), "14 juillet 2026 à 12\u{a0}h\u{a0}00");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_663_500), "2026-11-26T03:25:00Z");
    }

    #[test]
    fn every_month_has_its_name() {
        // The 15th of each month of 2026, at noon UTC.
        let names: Vec<String> = (1..=12)
            .map(|month| Lang::FR.date_time(days_from_civil(2026, month, 15) * 86_400 + 43_200))
            .map(|date| date.split(' ').nth(1).unwrap_or_default().to_owned())
            .collect();
        let expected = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"];
        assert_eq!(names[..8], expected);
        assert_eq!(names[8..], ["septembre", "octobre", "novembre", "décembre"]);
    }

    /// Every message of a file with the variables it takes; panics on a syntax error.
    fn messages(tag: &str, source: &'static str) -> BTreeMap<&'static str, Variables<'static>> {
        let resource = match fluent_syntax::parser::parse(source) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("locales/{tag}.ftl does not parse: {errors:#?}"),
        };
        let mut found = BTreeMap::new();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    if let Some(pattern) = &message.value {
                        pattern_variables(pattern, &mut variables);
                    }
                    let id = message.id.name;
                    assert!(found.insert(id, variables).is_none(), "locales/{tag}.ftl: {id} twice");
                }
                ast::Entry::Junk { content } => panic!("locales/{tag}.ftl: cannot read {content:?}"),
                _ => {}
            }
        }
        found
    }

    fn pattern_variables<'s>(pattern: &ast::Pattern<&'s str>, out: &mut Variables<'s>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables<'s>(expression: &ast::Expression<&'s str>, out: &mut Variables<'s>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    pattern_variables(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }

    fn inline_variables<'s>(inline: &ast::InlineExpression<&'s str>, out: &mut Variables<'s>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name);
            }
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
                for argument in arguments.positional.iter().chain(arguments.named.iter().map(|named| &named.value)) {
                    inline_variables(argument, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
            _ => {}
        }
    }

    type Variables<'s> = BTreeSet<&'s str>;
}
