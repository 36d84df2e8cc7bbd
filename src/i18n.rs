//! Every user-facing string, in French (the default) and English, with the formatting of
//! numbers and dates each language expects.

use crate::domain::{AmendmentState, Decision, Phase};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The preferred of our languages in an `Accept-Language` header; French when it names
    /// neither.
    pub fn negotiate(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::Fr;
        };
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default().trim();
            let quality =
                pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            if let Some(lang) = Lang::from_code(primary)
                && quality > 0.0
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, lang));
            }
        }
        best.map_or(Lang::Fr, |(_, lang)| lang)
    }

    /// A message with its `{}` placeholders filled in order.
    pub fn f(self, key: K, args: &[&dyn std::fmt::Display]) -> String {
        fill(self.t(key), args)
    }

    /// A whole number with the language's digit grouping (`20 000`, `20,000`).
    pub fn number(self, value: u64) -> String {
        let digits = value.to_string();
        let separator = match self {
            Lang::Fr => '\u{202f}',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    /// A moment in Paris time (the party's), as people write it.
    pub fn date_time(self, timestamp: i64) -> String {
        let local = timestamp + paris_offset(timestamp);
        let (year, month, day, hour, minute) = civil(local);
        let months = match self {
            Lang::Fr => FR_MONTHS,
            Lang::En => EN_MONTHS,
        };
        let month_name = months[(month - 1) as usize];
        match self {
            Lang::Fr => format!("{day} {month_name} {year} à {hour:02}\u{a0}h\u{a0}{minute:02}"),
            Lang::En => format!("{day} {month_name} {year}, {hour:02}:{minute:02}"),
        }
    }
}

fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        if let Some(arg) = args.next() {
            out.push_str(&arg.to_string());
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's civil calendar.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let day_of_year = (153 * mp + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil(timestamp: i64) -> (i64, i64, i64, i64, i64) {
    let (year, month, day) = civil_from_days(timestamp.div_euclid(86_400));
    let seconds = timestamp.rem_euclid(86_400);
    (year, month, day, seconds / 3600, seconds % 3600 / 60)
}

/// Paris is UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of October
/// (changes at 01:00 UTC), as the EU has ruled since 1996.
fn paris_offset(timestamp: i64) -> i64 {
    let (year, _, _) = civil_from_days(timestamp.div_euclid(86_400));
    let last_sunday = |month: i64| {
        let last_day = days_from_civil(year, month, 31);
        // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
        last_day - (last_day + 4).rem_euclid(7)
    };
    let summer_starts = last_sunday(3) * 86_400 + 3600;
    let summer_ends = last_sunday(10) * 86_400 + 3600;
    if (summer_starts..summer_ends).contains(&timestamp) { 7200 } else { 3600 }
}

/// A time as the API writes it: RFC 3339 in UTC.
pub fn rfc3339(timestamp: i64) -> String {
    let (year, month, day) = civil_from_days(timestamp.div_euclid(86_400));
    let seconds = timestamp.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", seconds / 3600, seconds % 3600 / 60, seconds % 60)
}

pub fn state_name(lang: Lang, state: AmendmentState) -> &'static str {
    use AmendmentState::*;
    match (lang, state) {
        (Lang::Fr, Open) => "ouvert",
        (Lang::Fr, Accepted) => "accepté",
        (Lang::Fr, Rejected) => "rejeté",
        (Lang::Fr, Withdrawn) => "retiré",
        (Lang::Fr, Merged) => "intégré",
        (Lang::Fr, Outdated) => "à réancrer",
        (Lang::En, Open) => "open",
        (Lang::En, Accepted) => "accepted",
        (Lang::En, Rejected) => "rejected",
        (Lang::En, Withdrawn) => "withdrawn",
        (Lang::En, Merged) => "merged",
        (Lang::En, Outdated) => "outdated",
    }
}

pub fn phase_name(lang: Lang, phase: Phase) -> &'static str {
    match (lang, phase) {
        (Lang::Fr, Phase::Drafting) => "rédaction",
        (Lang::Fr, Phase::Consultation) => "consultation (amendements ouverts)",
        (Lang::Fr, Phase::Review) => "examen (amendements clos)",
        (Lang::Fr, Phase::Adopted) => "adopté",
        (Lang::En, Phase::Drafting) => "drafting",
        (Lang::En, Phase::Consultation) => "consultation (amendments open)",
        (Lang::En, Phase::Review) => "review (amendments closed)",
        (Lang::En, Phase::Adopted) => "adopted",
    }
}

pub fn event_name(lang: Lang, event: Decision) -> &'static str {
    use Decision::*;
    match (lang, event) {
        (Lang::Fr, Proposed) => "déposé",
        (Lang::Fr, Edited) => "modifié par son auteur",
        (Lang::Fr, Reanchored) => "réancré par son auteur",
        (Lang::Fr, Accepted) => "accepté",
        (Lang::Fr, AcceptedModified) => "accepté avec modifications",
        (Lang::Fr, Rejected) => "rejeté",
        (Lang::Fr, Withdrawn) => "retiré",
        (Lang::Fr, Merged) => "intégré au texte",
        (Lang::Fr, Outdated) => "rendu obsolète par une nouvelle révision",
        (Lang::En, Proposed) => "proposed",
        (Lang::En, Edited) => "edited by its author",
        (Lang::En, Reanchored) => "re-anchored by its author",
        (Lang::En, Accepted) => "accepted",
        (Lang::En, AcceptedModified) => "accepted as modified",
        (Lang::En, Rejected) => "rejected",
        (Lang::En, Withdrawn) => "withdrawn",
        (Lang::En, Merged) => "merged into the text",
        (Lang::En, Outdated) => "outdated by a new revision",
    }
}

/// Declares the catalogue: each key with its French and English text.
macro_rules! catalogue {
    ($($key:ident => $fr:expr, $en:expr;)+) => {
        /// A message of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($key),+ }

        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),+];
        }

        impl Lang {
            pub fn t(self, key: K) -> &'static str {
                match self {
                    Lang::Fr => match key { $(K::$key => $fr),+ },
                    Lang::En => match key { $(K::$key => $en),+ },
                }
            }
        }
    };
}

catalogue! {
    SiteName => "Redraft", "Redraft";
    SkipToContent => "Aller au contenu", "Skip to content";
    MainNavigation => "Navigation principale", "Main navigation";
    Language => "Langue", "Language";
    NavTexts => "Textes", "Texts";
    NavPublish => "Publier un texte", "Publish a text";
    LogIn => "Se connecter", "Log in";
    LogOut => "Se déconnecter", "Log out";
    FooterAbout => "Redraft : les textes s’écrivent ensemble, chaque amendement est suivi jusqu’au texte final.",
        "Redraft: texts written together, every amendment traced to the final text.";
    HomeTitle => "Textes", "Texts";
    HomeLead => "Les textes en cours d’écriture : lisez-les, proposez des amendements, suivez leur sort.",
        "Texts being written: read them, propose amendments, follow what becomes of them.";
    HomeEmpty => "Aucun texte n’est encore publié.", "No text has been published yet.";
    RevisionNumber => "révision {}", "revision {}";
    OpenAmendmentsCount => "{} amendement(s) ouvert(s)", "{} open amendment(s)";
    MembersOnly => "réservé aux adhérents", "members only";
    UpdatedOn => "mis à jour le", "updated";
    TextNavigation => "Ce texte", "This text";
    NavText => "Texte", "Text";
    NavAmendments => "Amendements", "Amendments";
    NavHistory => "Historique", "History";
    NavReview => "Examen des amendements", "Review amendments";
    NavEdit => "Modifier le texte", "Edit the text";
    OldRevision => "Ancienne révision.", "Old revision.";
    SeeHead => "Voir la révision en vigueur ({})", "See the current revision ({})";
    Export => "Exporter :", "Export:";
    AmendmentsCsv => "amendements (CSV)", "amendments (CSV)";
    HintTapParagraphs => "Touchez un numéro d’alinéa, puis un second pour choisir un passage, et proposez votre amendement.",
        "Tap a paragraph number, then another to choose a passage, and propose your amendment.";
    HintLogInToAmend => "Connectez-vous pour proposer des amendements : chaque numéro d’alinéa ouvre le formulaire.",
        "Log in to propose amendments: each paragraph number opens the form.";
    AmendParagraph => "Amender l’alinéa {}", "Amend paragraph {}";
    AmendParagraphs => "Amender les alinéas {} à {}", "Amend paragraphs {} to {}";
    PrintedLineTitle => "Ligne imprimée (80 signes par ligne)", "Printed line (80 characters per line)";
    AmendmentsOnParagraph => "{} amendement(s) sur l’alinéa {}", "{} amendment(s) on paragraph {}";
    ClearSelection => "Annuler la sélection", "Clear selection";
    AppendAtEnd => "Proposer un ajout à la fin du texte", "Propose an addition at the end of the text";
    AmendmentsTitle => "Amendements", "Amendments";
    AmendmentsOnParagraphTitle => "Amendements sur l’alinéa {}", "Amendments on paragraph {}";
    AllAmendments => "Tous les amendements", "All amendments";
    NoAmendments => "Aucun amendement.", "No amendments.";
    ByAuthor => "par {}", "by {}";
    AnchorInsertBefore => "insertion avant l’al. {}", "insertion before ¶ {}";
    AnchorParagraph => "al. {}", "¶ {}";
    AnchorParagraphs => "alinéas {} à {}", "¶ {}–{}";
    AmendmentTitle => "Amendement {}", "Amendment {}";
    OutdatedExplanation => "Le texte a changé sur les alinéas que vise cet amendement : son auteur doit le réancrer sur la révision en vigueur avant qu’il puisse être examiné.",
        "The text changed in the paragraphs this amendment targets: its author must re-anchor it on the current revision before it can be reviewed.";
    Proposal => "Proposition", "Proposal";
    AcceptedVersion => "Version retenue par la rédaction", "Version accepted by the drafters";
    AcceptedVersionExplanation => "La rédaction a accepté cet amendement en modifiant sa rédaction ; la proposition d’origine reste visible ci-dessus.",
        "The drafters accepted this amendment with their own wording; the original proposal stays visible above.";
    Rationale => "Exposé des motifs", "Rationale";
    YourAmendment => "Votre amendement", "Your amendment";
    EditAmendment => "Modifier", "Edit";
    Reanchor => "Réancrer sur la révision en vigueur", "Re-anchor on the current revision";
    Withdraw => "Retirer l’amendement", "Withdraw the amendment";
    Decision => "Décision", "Decision";
    HistoryOfAmendment => "Historique", "History";
    DecisionNote => "Note (facultative, visible de tous)", "Note (optional, visible to all)";
    AcceptModifiedToggle => "Accepter avec une autre rédaction", "Accept with other wording";
    ModifiedWording => "Rédaction retenue (Entrée sépare les alinéas)", "Accepted wording (Enter separates paragraphs)";
    AcceptModified => "Accepter cette rédaction", "Accept this wording";
    Accept => "Accepter", "Accept";
    Reject => "Rejeter", "Reject";
    EditAmendmentTitle => "Modifier l’amendement {}", "Edit amendment {}";
    ProposeTitle => "Proposer un amendement", "Propose an amendment";
    CurrentWording => "Rédaction actuelle", "Current wording";
    TargetParagraphs => "Alinéas visés", "Target paragraphs";
    StartParagraph => "À partir de l’alinéa", "From paragraph";
    ParagraphCount => "Nombre d’alinéas", "Number of paragraphs";
    ParagraphCountHint => "0 alinéa : votre texte est inséré avant l’alinéa indiqué.", "0 paragraphs: your text is inserted before the given paragraph.";
    NewWording => "Nouvelle rédaction", "New wording";
    NewWordingHint => "Entrée sépare les alinéas. Laissez vide pour supprimer les alinéas visés.",
        "Enter separates paragraphs. Leave empty to delete the target paragraphs.";
    SummaryOptional => "Résumé en une phrase (facultatif)", "One-sentence summary (optional)";
    SaveAmendment => "Enregistrer l’amendement", "Save the amendment";
    SubmitAmendment => "Déposer l’amendement", "Submit the amendment";
    ReviewTitle => "Examen : {}", "Review: {}";
    MergedNotice => "Fusion faite : la révision {} est en vigueur.", "Merged: revision {} is now current.";
    MergeExplanation => "{} amendement(s) accepté(s) peuvent être fusionnés. Cochez ceux à intégrer, puis fusionnez : une nouvelle révision est créée et les autres amendements sont reportés dessus.",
        "{} accepted amendment(s) can be merged. Tick those to take in, then merge: a new revision is made and the other amendments are carried onto it.";
    MergeSummary => "Résumé de la révision (facultatif)", "Revision summary (optional)";
    MergeSelected => "Fusionner la sélection", "Merge the selection";
    SelectForMerge => "Sélectionner {} pour la fusion", "Select {} for merging";
    AnchoredOnRevision => "ancré sur la révision {}", "anchored on revision {}";
    OutdatedForDrafters => "Le texte a changé sous cet amendement : il attend que son auteur le réancre.",
        "The text changed under this amendment: it waits for its author to re-anchor it.";
    NoDecisionInState => "Plus de décision à prendre : amendement {}.", "No decision to take: amendment {}.";
    HistoryTitle => "Historique : {}", "History: {}";
    CompareFrom => "Comparer la révision", "Compare revision";
    CompareTo => "avec la révision", "with revision";
    Compare => "Comparer", "Compare";
    KindPublished => "publication", "published";
    KindEdited => "modification du texte", "text edited";
    KindMerged => "fusion d’amendements", "amendments merged";
    HistoryParagraphCount => "{} alinéas", "{} paragraphs";
    MergedAmendments => "Amendements intégrés :", "Amendments merged:";
    DiffWithPrevious => "Différences avec la révision précédente", "Differences from the previous revision";
    DiffTitle => "Révision {} → révision {}", "Revision {} → revision {}";
    SideBySide => "Côte à côte", "Side by side";
    InlineView => "Dans le texte", "Inline";
    NoDifference => "Ces deux révisions sont identiques.", "These two revisions are identical.";
    DiffOldNumber => "Avant", "Before";
    DiffNewNumber => "Après", "After";
    DiffText => "Texte", "Text";
    DiffBefore => "Avant", "Before";
    DiffAfter => "Après", "After";
    DiffUnchangedParagraphs => "… {} alinéa(s) inchangé(s) …", "… {} unchanged paragraph(s) …";
    EditTitle => "Modifier : {}", "Edit: {}";
    EditBaseHint => "Vous modifiez la révision {}. Entrée sépare les alinéas ; les alinéas vides sont ignorés.",
        "You are editing revision {}. Enter separates paragraphs; empty paragraphs are ignored.";
    TextBody => "Texte", "Text";
    RevisionSummary => "Résumé de la modification (facultatif)", "Summary of the change (optional)";
    SaveRevision => "Enregistrer une nouvelle révision", "Save a new revision";
    EditConflictTitle => "Le texte a changé pendant votre modification", "The text changed while you were editing";
    ConflictDiffTitle => "Ce qui sépare la révision {} de votre version", "What separates revision {} from your version";
    ConflictYourVersion => "Votre version, conservée", "Your version, kept";
    ConflictExplanation => "Rien n’a été enregistré. Reprenez votre version ci-dessous en tenant compte des changements, puis enregistrez-la sur la révision en vigueur.",
        "Nothing was saved. Rework your version below in the light of the changes, then save it on the current revision.";
    ConflictHeadVersion => "Texte de la révision {}", "Text of revision {}";
    PublishTitle => "Publier un texte", "Publish a text";
    SlugHint => "L’adresse du texte : lettres minuscules, chiffres et tirets, par exemple programme-2027.",
        "The text's address: lower-case letters, digits and hyphens, for example programme-2027.";
    Visibility => "Visibilité", "Visibility";
    VisibilityPublic => "Public : tout le monde le lit, les adhérents l’amendent", "Public: anyone reads it, members amend it";
    VisibilityMembers => "Réservé aux adhérents", "Members only";
    BodyHint => "Entrée sépare les alinéas (titres et éléments de liste compris) ; les alinéas vides sont ignorés. Les titres commencent par #.",
        "Enter separates paragraphs (headings and list items are paragraphs too); empty paragraphs are ignored. Headings start with #.";
    Publish => "Publier", "Publish";
    BackHome => "Retour à l’accueil", "Back to the home page";
    StatusCode => "Erreur {}", "Error {}";
    Status400 => "Requête illisible", "Unreadable request";
    Status401 => "Connexion nécessaire", "Login required";
    Status403 => "Action non permise", "Not allowed";
    Status404 => "Page introuvable", "Page not found";
    Status405 => "Méthode non permise", "Method not allowed";
    Status409 => "Conflit", "Conflict";
    Status413 => "Trop volumineux", "Too large";
    Status422 => "Demande refusée", "Request refused";
    Status429 => "Trop de tentatives", "Too many attempts";
    Status500 => "Erreur du serveur", "Server error";
    FieldSlug => "Adresse (slug)", "Address (slug)";
    FieldTitle => "Titre", "Title";
    FieldSummary => "Résumé", "Summary";
    FieldRationale => "Exposé des motifs", "Rationale";
    FieldNote => "Note", "Note";
    FieldLogin => "Identifiant", "Login";
    FieldName => "Nom", "Name";
    FieldPassword => "Mot de passe", "Password";
    ErrBadRequest => "La requête n’a pas pu être lue : {}", "The request could not be read: {}";
    ErrPayloadTooLarge => "La requête dépasse la taille maximale acceptée.", "The request exceeds the largest size accepted.";
    ErrNotFound => "Cette page n’existe pas, ou vous n’avez pas accès à ce texte.", "This page does not exist, or you cannot read this text.";
    ErrMethodNotAllowed => "Cette adresse n’accepte pas cette méthode : les formulaires l’envoient en POST.",
        "This address does not take this method: forms send it as POST.";
    ErrCsrf => "Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.",
        "The form expired or did not come from this site. Reload the page and try again.";
    ErrBadToken => "Ce jeton d’accès n’est pas valide.", "This access token is not valid.";
    ErrUnauthenticated => "Connectez-vous pour faire cela.", "Log in to do this.";
    ErrWrongCredentials => "Identifiant ou mot de passe incorrect.", "Wrong login or password.";
    ErrForbidden => "Votre rôle ne permet pas cette action.", "Your role does not allow this action.";
    ErrRateLimited => "Trop de tentatives de connexion. Réessayez dans un quart d’heure.", "Too many login attempts. Try again in a quarter of an hour.";
    ErrInternal => "Une erreur interne est survenue ; rien n’a été modifié. Réessayez plus tard.", "An internal error occurred; nothing was changed. Try again later.";
    ErrTooManyBytes => "Le texte fait {} octets ; {} au plus.", "The text has {} bytes; {} at most.";
    ErrTooManyParagraphs => "Le texte compte {} alinéas ; {} au plus.", "The text has {} paragraphs; {} at most.";
    ErrParagraphTooLong => "L’alinéa {} fait {} octets ; {} au plus.", "Paragraph {} has {} bytes; {} at most.";
    ErrControlCharacter => "L’alinéa {} contient un caractère de contrôle.", "Paragraph {} holds a control character.";
    ErrFieldMissing => "{} : ce champ est obligatoire.", "{}: this field is required.";
    ErrFieldTooLong => "{} : {} caractères au plus.", "{}: {} characters at most.";
    ErrFieldTooShort => "{} : {} caractères au moins.", "{}: {} characters at least.";
    ErrFieldCharacters => "{} : un seul alinéa, sans caractère de contrôle.", "{}: a single paragraph, without control characters.";
    ErrSlugCharacters => "L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets simples.",
        "The address may only hold lower-case letters without accents, digits and single hyphens.";
    ErrLoginCharacters => "L’identifiant ne peut contenir que des lettres, des chiffres, des points, des tirets et des soulignés.",
        "The login may only hold letters, digits, dots, hyphens and underscores.";
    ErrFieldReserved => "{} : cette valeur est réservée.", "{}: this value is reserved.";
    ErrAnchorZero => "Les alinéas sont numérotés à partir de 1.", "Paragraphs are numbered from 1.";
    ErrAnchorOutside => "Les alinéas {} à {} sont hors du texte, qui compte {} alinéas.", "Paragraphs {} to {} lie outside the text, which has {} paragraphs.";
    ErrUnknownRevision => "La révision {} n’existe pas.", "Revision {} does not exist.";
    ErrNoChange => "Cette proposition ne change rien au texte.", "This proposal changes nothing in the text.";
    ErrEmptyText => "Un texte doit compter au moins un alinéa.", "A text needs at least one paragraph.";
    ErrNothingToMerge => "Choisissez au moins un amendement accepté à fusionner.", "Choose at least one accepted amendment to merge.";
    ErrTooManyToMerge => "Une fusion prend au plus {} amendements.", "A merge takes at most {} amendments.";
    ErrMergeEmptiesText => "Cette fusion supprimerait tous les alinéas du texte : un texte doit en garder au moins un.",
        "This merge would delete every paragraph of the text: a text must keep at least one.";
    ErrDuplicateAmendment => "L’amendement {} est cité deux fois.", "Amendment {} is named twice.";
    ErrForeignAmendment => "L’amendement n° {} porte sur un autre texte.", "Amendment #{} belongs to another text.";
    ErrEditConflict => "Vous avez modifié la révision {}, mais la révision {} est entre-temps devenue la version en vigueur. Rien n’a été enregistré.",
        "You edited revision {}, but revision {} has become the current one meanwhile. Nothing was saved.";
    ErrHeadMoved => "Le texte a changé entre-temps (révision {} en vigueur). Rien n’a été modifié ; rechargez la page.",
        "The text changed meanwhile (revision {} is current). Nothing was changed; reload the page.";
    ErrCollisions => "Fusion refusée, rien n’a été modifié : {}.", "Merge refused, nothing was changed: {}.";
    CollisionOverlap => "{} et {} modifient les mêmes alinéas", "{} and {} change the same paragraphs";
    CollisionInside => "{} et {} : l’un insère au milieu des alinéas que l’autre remplace", "{} and {}: one inserts inside the paragraphs the other replaces";
    ErrAnchorTouched => "Les alinéas visés ont changé depuis la révision {} (révision {} en vigueur). Relisez le texte et choisissez à nouveau vos alinéas.",
        "The target paragraphs changed since revision {} (revision {} is current). Read the text again and choose your paragraphs anew.";
    ErrPhaseClosed => "Impossible dans la phase actuelle du texte : {}.", "Not possible in the text's current phase: {}.";
    ErrAmendmentState => "Impossible : l’amendement {} est {}.", "Not possible: amendment {} is {}.";
    ErrNotOnHead => "L’amendement {} a été examiné sur la révision {}, qui n’est plus en vigueur : il ne peut plus être reconsidéré tel quel. Son auteur peut en déposer un nouveau sur le texte actuel.",
        "Amendment {} was decided on revision {}, which is no longer current: it cannot be reconsidered as it stands. Its author may propose a new one on the current text.";
    ErrSlugTaken => "Un texte utilise déjà cette adresse.", "A text already uses this address.";
    ErrLoginTaken => "Cet identifiant est déjà pris.", "This login is already taken.";
    CsvReference => "Référence", "Reference";
    CsvId => "Numéro interne", "Id";
    CsvRevision => "Révision", "Revision";
    CsvParagraphs => "Alinéas", "Paragraphs";
    CsvState => "État", "State";
    CsvAuthor => "Auteur", "Author";
    CsvSummary => "Résumé", "Summary";
    CsvRationale => "Exposé des motifs", "Rationale";
    CsvCurrentWording => "Rédaction visée", "Current wording";
    CsvProposedWording => "Rédaction proposée", "Proposed wording";
    CsvDecidedWording => "Rédaction retenue", "Accepted wording";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation() {
        assert_eq!(Lang::negotiate(None), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("en-GB,en;q=0.9,fr;q=0.8")), Lang::En);
        assert_eq!(Lang::negotiate(Some("de-DE,fr;q=0.5,en;q=0.4")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("de")), Lang::Fr);
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        for key in K::ALL {
            let (fr, en) = (Lang::Fr.t(*key), Lang::En.t(*key));
            assert!(!fr.is_empty() && !en.is_empty(), "{key:?}");
            assert_eq!(fr.matches("{}").count(), en.matches("{}").count(), "{key:?}");
        }
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(Lang::En.number(1_234_567), "1,234,567");
        assert_eq!(Lang::Fr.number(20_000), "20\u{202f}000");
        assert_eq!(Lang::En.number(999), "999");
        // 2026-11-26 03:25 UTC is 04:25 in Paris (winter); 2026-07-14 10:00 UTC is 12:00.
        assert_eq!(Lang::En.date_time(1_795_663_500), "26 November 2026, 04:25");
        assert_eq!(Lang::Fr.date_time(1_784_023_200), "14 juillet 2026 à 12\u{a0}h\u{a0}00");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_663_500), "2026-11-26T03:25:00Z");
    }
}
