### Redraft's messages in French, the default language.
###
### One file per language, named by its tag (fr.ftl, en.ftl, de.ftl, pt-BR.ftl): adding a
### file adds the language. Each file defines every message below, each with the same
### variables ($count…); `cargo test` checks that, and that nothing is left over.
###
### Vocabulary: a line of a text (paragraph, heading or list item) is an « alinéa »,
### numbered « al. 12 »; « ligne » is kept for printed line numbers (« l. 171 ») only, so
### that one word never means two numbers.
### $count, $width, $bytes, $max, $min are quantities: select on them for plurals
### (CLDR categories: one, other…); they show with the digit grouping below.

## The language itself

# The language's own name, on the language switch.
language-name = Français
# Between groups of three digits: a narrow no-break space (20 000).
digit-group-separator = {"\u202F"}
# A moment in Paris time. $day and $month are numbers; $hour and $minute have two digits.
date-time =
    { $day } { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    } { $year } à { $hour }{"\u00A0"}h{"\u00A0"}{ $minute }
# Between the fields of the CSV export: French spreadsheets expect a semicolon.
csv-separator = ;
# Between the items of a list in a sentence.
list-separator = {" ; "}

## Page frame

site-name = Redraft
skip-to-content = Aller au contenu
main-navigation = Navigation principale
language = Langue
nav-texts = Textes
nav-publish = Publier un texte
log-in = Se connecter
log-out = Se déconnecter
footer-about = Redraft : les textes s’écrivent ensemble, chaque amendement est suivi jusqu’au texte final.

## Home

home-title = Textes
home-lead = Les textes en cours d’écriture : lisez-les, proposez des amendements, suivez leur sort.
home-empty = Aucun texte n’est encore publié.
revision-number = révision { $revision }
open-amendments-count =
    { $count ->
        [one] { $count } amendement ouvert
       *[other] { $count } amendements ouverts
    }
members-only = réservé aux adhérents
updated-on = mis à jour le

## A text

text-navigation = Ce texte
nav-text = Texte
nav-amendments = Amendements
nav-history = Historique
nav-review = Examen des amendements
nav-edit = Modifier le texte
old-revision = Ancienne révision.
see-head = Voir la révision en vigueur ({ $revision })
export = Exporter :
amendments-csv = amendements (CSV)
hint-tap-paragraphs = Sélectionnez un numéro d’alinéa, puis un second pour choisir un passage, et proposez votre amendement.
hint-log-in-to-amend = Connectez-vous pour proposer des amendements : chaque numéro d’alinéa ouvre le formulaire.
amend-paragraph = Amender l’alinéa { $start }
amend-paragraphs = Amender les alinéas { $start } à { $end }
# The printed line numbers beside the text (rule 10): here « ligne » is right.
printed-line-title =
    { $width ->
        [one] Ligne imprimée ({ $width } signe par ligne)
       *[other] Ligne imprimée ({ $width } signes par ligne)
    }
amendments-on-paragraph =
    { $count ->
        [one] { $count } amendement sur l’alinéa { $paragraph }
       *[other] { $count } amendements sur l’alinéa { $paragraph }
    }
clear-selection = Annuler la sélection
append-at-end = Proposer un ajout à la fin du texte

## Amendments

amendments-title = Amendements
amendments-on-paragraph-title = Amendements sur l’alinéa { $paragraph }
all-amendments = Tous les amendements
no-amendments = Aucun amendement.
by-author = par { $author }
anchor-insert-before = insertion avant l’al. { $paragraph }
anchor-paragraph = al. { $paragraph }
anchor-paragraphs = alinéas { $start } à { $end }
amendment-title = Amendement { $reference }
outdated-explanation = Le texte a changé sur les alinéas que vise cet amendement : son auteur doit le réancrer sur la révision en vigueur avant qu’il puisse être examiné.
proposal = Proposition
accepted-version = Version retenue par la rédaction
accepted-version-explanation = La rédaction a accepté cet amendement en modifiant sa rédaction ; la proposition d’origine reste visible ci-dessus.
rationale = Exposé des motifs
your-amendment = Votre amendement
edit-amendment = Modifier
reanchor = Réancrer sur la révision en vigueur
withdraw = Retirer l’amendement
decision = Décision
history-of-amendment = Historique
decision-note = Note (facultative, visible de tous)
accept-modified-toggle = Accepter avec une autre rédaction
modified-wording = Rédaction retenue (Entrée sépare les alinéas)
accept-modified = Accepter cette rédaction
accept = Accepter
reject = Rejeter
edit-amendment-title = Modifier l’amendement { $reference }
propose-title = Proposer un amendement
current-wording = Rédaction actuelle
target-paragraphs = Alinéas visés
start-paragraph = À partir de l’alinéa
paragraph-count = Nombre d’alinéas
paragraph-count-hint = 0 alinéa : votre texte est inséré avant l’alinéa indiqué.
new-wording = Nouvelle rédaction
new-wording-hint = Entrée sépare les alinéas. Laissez vide pour supprimer les alinéas visés.
summary-optional = Résumé en une phrase (facultatif)
save-amendment = Enregistrer l’amendement
submit-amendment = Déposer l’amendement

## Amendment states, text phases, events in an amendment's history

state-open = ouvert
state-accepted = accepté
state-rejected = rejeté
state-withdrawn = retiré
state-merged = intégré
state-outdated = à réancrer
phase-drafting = rédaction
phase-consultation = consultation (amendements ouverts)
phase-review = examen (amendements clos)
phase-adopted = adopté
event-proposed = déposé
event-edited = modifié par son auteur
event-reanchored = réancré par son auteur
event-accepted = accepté
event-accepted-modified = accepté avec modifications
event-rejected = rejeté
event-withdrawn = retiré
event-merged = intégré au texte
event-outdated = rendu obsolète par une nouvelle révision

## Review and merge

review-title = Examen : { $title }
merged-notice = Fusion faite : la révision { $revision } est en vigueur.
merge-explanation =
    { $count ->
        [0] Aucun amendement accepté n’attend la fusion.
        [one] { $count } amendement accepté peut être fusionné. Cochez-le, puis fusionnez : une nouvelle révision est créée et les autres amendements sont reportés dessus.
       *[other] { $count } amendements acceptés peuvent être fusionnés. Cochez ceux à intégrer, puis fusionnez : une nouvelle révision est créée et les autres amendements sont reportés dessus.
    }
merge-summary = Résumé de la révision (facultatif)
merge-selected = Fusionner la sélection
select-for-merge = Sélectionner { $reference } pour la fusion
anchored-on-revision = ancré sur la révision { $revision }
outdated-for-drafters = Le texte a changé sous cet amendement : il attend que son auteur le réancre.
no-decision-in-state = Plus de décision à prendre : amendement { $state }.

## History and differences

history-title = Historique : { $title }
compare-from = Comparer la révision
compare-to = avec la révision
compare = Comparer
kind-published = publication
kind-edited = modification du texte
kind-merged = fusion d’amendements
history-paragraph-count =
    { $count ->
        [one] { $count } alinéa
       *[other] { $count } alinéas
    }
merged-amendments = Amendements intégrés :
diff-with-previous = Différences avec la révision précédente
diff-title = Révision { $from } → révision { $to }
side-by-side = Côte à côte
inline-view = Dans le texte
no-difference = Ces deux révisions sont identiques.
diff-old-number = Avant
diff-new-number = Après
diff-text = Texte
diff-before = Avant
diff-after = Après
diff-unchanged-paragraphs =
    { $count ->
        [one] … { $count } alinéa inchangé …
       *[other] … { $count } alinéas inchangés …
    }

## Editing and publishing a text

edit-title = Modifier : { $title }
edit-base-hint = Vous modifiez la révision { $revision }. Entrée sépare les alinéas ; les alinéas vides sont ignorés.
text-body = Texte
revision-summary = Résumé de la modification (facultatif)
save-revision = Enregistrer une nouvelle révision
edit-conflict-title = Le texte a changé pendant votre modification
conflict-diff-title = Ce qui sépare la révision { $revision } de votre version
conflict-your-version = Votre version, conservée
conflict-explanation = Rien n’a été enregistré. Reprenez votre version ci-dessous en tenant compte des changements, puis enregistrez-la sur la révision en vigueur.
conflict-head-version = Texte de la révision { $revision }
publish-title = Publier un texte
slug-hint = L’adresse du texte : lettres minuscules, chiffres et tirets, par exemple programme-2027.
visibility = Visibilité
visibility-public = Public : tout le monde le lit, les adhérents l’amendent
visibility-members = Réservé aux adhérents
body-hint = Entrée sépare les alinéas (titres et éléments de liste compris) ; les alinéas vides sont ignorés. Les titres commencent par #.
publish = Publier

## Error pages

back-home = Retour à l’accueil
status-code = Erreur { $status }
status-400 = Requête illisible
status-401 = Connexion nécessaire
status-403 = Action non permise
status-404 = Page introuvable
status-405 = Méthode non permise
status-409 = Conflit
status-413 = Trop volumineux
status-422 = Demande refusée
status-429 = Trop de tentatives
status-500 = Erreur du serveur

## Form fields, named in error messages

field-slug = Adresse (slug)
field-title = Titre
field-summary = Résumé
field-rationale = Exposé des motifs
field-note = Note
field-login = Identifiant
field-name = Nom
field-password = Mot de passe

## Error messages, on pages and in the API

err-payload-too-large = La requête dépasse la taille maximale acceptée.
err-not-found = Ce que vous cherchez n’existe pas, ou vous n’y avez pas accès.
err-method-not-allowed = Cette adresse n’accepte pas cette méthode : les formulaires l’envoient en POST.
err-csrf = Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.
err-bad-token = Ce jeton d’accès n’est pas valide.
err-unauthenticated = Connectez-vous pour faire cela.
err-wrong-credentials = Identifiant ou mot de passe incorrect.
err-forbidden = Votre rôle ne permet pas cette action.
err-rate-limited = Trop de tentatives de connexion. Réessayez dans un quart d’heure.
err-internal = Une erreur interne est survenue ; rien n’a été modifié. Réessayez plus tard.
err-too-many-characters =
    { $chars ->
        [one] Le texte envoyé fait { $chars } caractère ; { $max } au plus.
       *[other] Le texte envoyé fait { $chars } caractères ; { $max } au plus.
    }
err-too-many-paragraphs =
    { $count ->
        [one] Le texte compte { $count } alinéa ; { $max } au plus.
       *[other] Le texte compte { $count } alinéas ; { $max } au plus.
    }
err-paragraph-too-long =
    { $chars ->
        [one] L’alinéa { $paragraph } fait { $chars } caractère ; { $max } au plus.
       *[other] L’alinéa { $paragraph } fait { $chars } caractères ; { $max } au plus.
    }
err-control-character = L’alinéa { $paragraph } contient un caractère de contrôle.
err-field-missing = { $field } : ce champ est obligatoire.
err-field-too-long =
    { $max ->
        [one] { $field } : { $max } caractère au plus.
       *[other] { $field } : { $max } caractères au plus.
    }
err-field-too-short =
    { $min ->
        [one] { $field } : { $min } caractère au moins.
       *[other] { $field } : { $min } caractères au moins.
    }
err-field-characters = { $field } : un seul alinéa, sans caractère de contrôle.
err-slug-characters = L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets simples.
err-login-characters = L’identifiant ne peut contenir que des lettres, des chiffres, des points, des tirets et des soulignés.
err-field-reserved = { $field } : cette valeur est réservée.
err-anchor-zero = Les alinéas sont numérotés à partir de 1.
# $span is how many paragraphs were targeted (at least 1), $count how many the text has.
err-anchor-outside =
    { $span ->
        [one] L’alinéa { $start } est hors du texte
       *[other] Les alinéas { $start } à { $end } sont hors du texte
    }, qui compte { $count ->
        [one] { $count } alinéa
       *[other] { $count } alinéas
    }.
err-unknown-revision = La révision { $revision } n’existe pas.
err-no-change = Cela ne change rien au texte.
err-empty-text = Un texte doit compter au moins un alinéa.
err-nothing-to-merge = Choisissez au moins un amendement accepté à fusionner.
err-too-many-to-merge =
    { $max ->
        [one] Une fusion prend au plus { $max } amendement.
       *[other] Une fusion prend au plus { $max } amendements.
    }
err-merge-empties-text = Cette fusion supprimerait tous les alinéas du texte : un texte doit en garder au moins un.
err-duplicate-amendment = L’amendement { $reference } est cité deux fois.
err-foreign-amendment = L’amendement n° { $id } porte sur un autre texte.
err-edit-conflict = Vous avez modifié la révision { $base }, mais la révision { $head } est entre-temps devenue la version en vigueur. Rien n’a été enregistré.
err-head-moved = Le texte a changé entre-temps (révision { $head } en vigueur). Rien n’a été modifié ; rechargez la page.
# $collisions: the colliding pairs, each a collision-overlap or collision-inside.
err-collisions = Fusion refusée, rien n’a été modifié : { $collisions }.
collision-overlap = { $first } et { $second } modifient les mêmes alinéas
collision-inside = { $first } et { $second } : l’un insère au milieu des alinéas que l’autre remplace
err-anchor-touched = Les alinéas visés ont changé depuis la révision { $base } (révision { $head } en vigueur). Relisez le texte et choisissez à nouveau vos alinéas.
# $phase: one of the phase-… messages.
err-phase-closed = Impossible dans la phase actuelle du texte : { $phase }.
# $state: one of the state-… messages.
err-amendment-state = Impossible : l’amendement { $reference } est { $state }.
err-not-on-head = L’amendement { $reference } a été examiné sur la révision { $revision }, qui n’est plus en vigueur : il ne peut plus être reconsidéré tel quel. Son auteur peut en déposer un nouveau sur le texte actuel.
err-slug-taken = Un texte utilise déjà cette adresse.
err-login-taken = Cet identifiant est déjà pris.

## The CSV export's column headings

csv-reference = Référence
csv-id = Numéro interne
csv-revision = Révision
csv-state = État
csv-author = Auteur
csv-summary = Résumé
csv-rationale = Exposé des motifs
csv-current-wording = Rédaction visée
csv-proposed-wording = Rédaction proposée
csv-decided-wording = Rédaction retenue

## What you saw is what you decide (rule 8b), one submission one effect
event-carried = porté à la révision { $revision }, désormais { $anchor }
withdraw-confirmation = Le retrait est définitif : l’amendement ne pourra plus être examiné ni modifié.
confirm-withdrawal = Confirmer le retrait
stale-title = L’amendement a changé depuis que vous l’avez vu
stale-explanation = Rien n’a été fait : l’amendement { $reference } ({ $state }) n’est plus celui que vous aviez sous les yeux. Voici ce qui a changé : relisez-le avant de recommencer.
stale-wording-change = Rédaction que vous avez vue → rédaction actuelle
stale-state-change = État : { $before } → { $after }.
stale-unknown-version = La version que vous avez vue n’est pas connue ; relisez l’amendement tel qu’il est ci-dessous.
err-stale-amendment = L’amendement { $reference } a changé depuis que vous l’avez vu (version { $seen }, désormais { $version }) : rien n’a été fait. Relisez-le avant de recommencer.
err-stale-text = Le texte a changé depuis que vous l’avez vu (révision { $revision }, phase : { $phase }) : rien n’a été fait.
err-submission-key-reused = Cette clé de soumission (Idempotency-Key) a déjà servi à une autre demande : rien n’a été fait.
err-unknown-topic = Aucun thème ne porte l’adresse « { $topic } ».
err-duplicate-proposal = Vous avez déjà déposé exactement cette modification : l’amendement { $reference }. Modifiez-le plutôt que de la déposer une seconde fois.
notice-filed = Amendement { $reference } déposé. Il apparaît dans la marge du texte et sur la liste des amendements.
notice-already-filed = Vous aviez déjà déposé cet amendement : c’est { $reference }. Rien n’a été déposé une seconde fois.
notice-edited = Amendement { $reference } enregistré.
notice-withdrawn = Amendement { $reference } retiré.
notice-decided = Décision enregistrée : amendement { $reference } { $state }.

## Forms: preview before filing, nothing typed is lost
insertion-point = Votre texte sera inséré à cet endroit : { $anchor }.
preview-title = Aperçu : ce que votre amendement change
preview-amendment = Voir l’aperçu avant de déposer
preview-again = Mettre à jour l’aperçu
range-changed = Les alinéas visés ont changé : vérifiez ci-dessus ceux que votre amendement remplacera, et l’aperçu, avant de déposer.
log-in-to-send = Connectez-vous pour envoyer ce formulaire ; ce que vous avez écrit est conservé.
form-came-back = Votre session a changé depuis l’ouverture de ce formulaire : rien n’a été envoyé. Vérifiez ce que vous avez écrit, conservé ci-dessous, et renvoyez-le.
session-ended = Votre session a pris fin : rien n’a été envoyé. Connectez-vous dans le formulaire ci-dessous pour l’envoyer ; ce que vous avez écrit est conservé.

## Requests that cannot be read
err-not-utf8 = La requête contient des octets qui ne sont pas du texte (UTF-8) : rien n’a été enregistré.
err-not-json = Le corps de la requête n’est pas du JSON valide (ligne { $line }, colonne { $column }).
err-missing-field = Il manque le champ « { $field } ».
err-unknown-field = Le champ « { $field } » n’est pas connu de cette opération : rien n’a été enregistré, plutôt que de l’ignorer.
err-unreadable-header = L’en-tête { $header } n’a pas pu être lu.
err-unreadable = La requête n’a pas pu être lue.
err-expected-integer = « { $field } » doit être un nombre entier, dans les limites admises.
err-expected-text = « { $field } » doit être un texte.
err-expected-list = « { $field } » doit être une liste.
err-expected-boolean = « { $field } » doit valoir vrai ou faux.
err-expected-object = « { $field } » doit être un objet JSON.
err-expected-something = « { $field } » n’a pas une valeur qui convient.
err-expected-one-of = « { $field } » doit valoir l’une de ces valeurs : { $values }.
field-from = Révision de départ
field-to = Révision d’arrivée
field-revision = Révision
field-paragraph = Alinéa
field-state = État
field-view = Présentation

## History of a text
retitled = Nouveau titre : « { $title } » (auparavant « { $previous } »).

## The CSV export
csv-first-paragraph = Premier alinéa
csv-paragraph-count = Nombre d’alinéas
csv-decision = Décision
csv-decided-by = Décidé par
csv-decided-at = Décidé le
csv-decision-note = Note de la décision
csv-continued = […] (suite trop longue pour une cellule : { $address })
csv-file-name = amendements

## Lists of amendments: filters and pages
filter-state = Filtrer par état
filter-all = Tous
filter-to-decide = À décider
filter-author = Auteur
filter-any-author = Tous les auteurs
filter-section = Partie du texte
filter-whole-text = Tout le texte
filter-apply = Filtrer
matching-amendments =
    { $count ->
            [0] Aucun amendement
            [one] { $count } amendement
           *[other] { $count } amendements
        }
page-of = page { $page } sur { $pages }
pages = Pages
previous-page = Précédente
next-page = Suivante
show-everything = Tout sur une page (pour imprimer)
show-by-pages = Afficher par pages
show-accepted = Voir les amendements acceptés à fusionner.

## Pages on a phone
hint-paragraph-links = Chaque numéro d’alinéa ouvre le formulaire d’amendement de cet alinéa ; vous pourrez y étendre le passage visé.
nav-review-short = Examen
nav-edit-short = Modifier
## Délais et jetons d’API
err-token-label = Le libellé d’un jeton tient en { $max } caractères au plus, sur une ligne.
err-token-lifetime = Un jeton est valable de { $min } à { $max } jours.
err-timed-out = La requête a mis trop de temps à arriver : rien n’a été fait. Envoyez-la de nouveau.
nav-tokens = Jetons d’API
tokens-title = Vos jetons d’API
tokens-lead = Un jeton d’API permet à un script ou à un autre outil d’agir en votre nom par l’API JSON. Chacun expire ; révoquez ceux dont vous ne vous servez plus.
tokens-none = Vous n’avez aucun jeton d’API.
token-label = Libellé
token-no-label = (sans libellé)
token-created-at = Créé
token-expires-at = Expire
token-expired = expiré
token-last-used = Dernière utilisation
token-never-used = jamais
token-revoke = Révoquer
token-revoke-confirmation = Ce jeton cessera aussitôt de fonctionner : tout ce qui s’en sert sera refusé.
token-confirm-revoke = Révoquer ce jeton
token-revoked = Le jeton a été révoqué.
token-new = Nouveau jeton
token-lifetime-days = Valable (en jours, de { $min } à { $max })
token-create = Créer le jeton
token-secret-once = Voici votre nouveau jeton. Copiez-le maintenant : il ne sera plus jamais affiché.
token-usage = Envoyez-le dans chaque requête dans l’en-tête « Authorization: Bearer » suivi du jeton.

## errors
err-inapplicable-field = Le champ « { $field } » ne s’applique pas avec « { $choice } » : rien n’a été enregistré, plutôt que de l’ignorer.
err-deadline-outside-consultation = Seule une consultation se clôt à une échéance : laissez l’échéance vide pour cette phase.
err-deadline-passed = Cette échéance est déjà passée : choisissez un moment à venir.
err-deadline-too-far = Une échéance est au plus à { $days } jours : choisissez-en une plus proche.
err-expected-date-time = « { $field } » doit être une date et une heure au format RFC 3339, par exemple 2026-12-14T18:00:00+01:00.
deadline-until = jusqu’au { $date } ({ $left })
deadline-closed = close le { $date }
time-left-days =
    { $count ->
        [one] encore un jour
       *[other] encore { $count } jours
    }
time-left-hours =
    { $count ->
        [one] encore une heure
       *[other] encore { $count } heures
    }
time-left-minutes =
    { $count ->
        [one] encore une minute
       *[other] encore { $count } minutes
    }
phase-title = Phase de « { $title } »
phase-heading = Phase du texte
phase-now = Phase actuelle : { $phase }
field-phase = Phase
field-deadline = Clôture de la consultation (heure de Paris, facultative)
deadline-hint = Seule une consultation a une échéance : à ce moment, les amendements se ferment d’eux-mêmes et le texte passe en examen. Laissez vide pour une consultation sans échéance.
set-phase = Changer de phase
phase-means-drafting = seuls les rédacteurs modifient le texte ; pas d’amendements.
phase-means-consultation = les membres déposent des amendements ; les rédacteurs peuvent déjà décider et fusionner.
phase-means-review = amendements clos ; les rédacteurs décident et fusionnent.
phase-means-adopted = le texte final, figé.
change-phase-link = changer de phase
nav-phase = Phase
err-deadline-unreadable = L’échéance n’est pas une date et une heure lisibles : choisissez un jour et une heure.
err-phase-missing = Choisissez une phase.
err-topic-taken = Un thème utilise déjà cette adresse.
field-description = Description
topics-title = Thèmes
topics-none = Aucun thème pour l’instant.
topic-empty = Aucun texte dans ce thème pour l’instant.
publish-in-topic = Publier un texte dans ce thème
new-topic = Ouvrir un thème
open-topic = Ouvrir le thème
already-there-title = Textes déjà ouverts
already-there-lead = Un sujet, un texte : avant de publier, vérifiez s’il ne vaut pas mieux amender l’un d’eux.
field-topic = Thème
no-topic = Aucun thème
other-texts = Autres textes
nav-topics = Thèmes
texts-count =
    { $count ->
        [0] aucun texte
        [one] un texte
       *[other] { $count } textes
    }
err-own-amendment = On ne co-signe pas son propre amendement : il porte déjà votre nom.
err-min-supporters = Un texte peut demander au plus { $max } co-signataires.
err-quorum-not-reached =
    { $reference } a { $supporters ->
        [0] aucun co-signataire
        [one] un co-signataire
       *[other] { $supporters } co-signataires
    } sur les { $needed } requis : il ne peut pas encore être accepté.
co-signatures = Co-signatures
collecting-co-signers = en quête de co-signataires
confirm-co-signature = Vous avez co-signé une version antérieure de cet amendement : son auteur l’a modifié depuis. Lisez ce qui a changé, puis confirmez votre co-signature ou retirez-la.
what-changed-since-signed = Ce qui a changé depuis votre co-signature
confirm-my-co-signature = Confirmer ma co-signature
co-sign = Co-signer
withdraw-co-signature = Retirer ma co-signature
signed-earlier-wording = (sur une version antérieure)
co-signed = Votre co-signature est enregistrée.
co-signature-withdrawn = Votre co-signature est retirée.
co-signers-of-needed =
    { $count ->
        [0] Aucun co-signataire
        [one] Un co-signataire
       *[other] { $count } co-signataires
    } sur les { $needed } requis.
co-signers-count =
    { $count ->
        [0] Aucun co-signataire pour l’instant.
        [one] Un co-signataire.
       *[other] { $count } co-signataires.
    }
earlier-co-signers =
    { $count ->
        [one] Une personne de plus a co-signé une version antérieure et doit confirmer.
       *[other] { $count } personnes de plus ont co-signé une version antérieure et doivent confirmer.
    }
settings-heading = Réglages
field-min-supporters = Co-signataires requis avant qu’un amendement puisse être accepté
min-supporters-hint = 0 pour aucun. Compté au moment d’accepter un amendement ; une réécriture par son auteur demande à ses co-signataires de confirmer.
save-settings = Enregistrer les réglages
phase-moves = Phases
closing-on = clôture le { $date }
err-not-an-object = Le corps doit être un objet JSON, aux champs nommés (pas une liste, une chaîne ni un nombre).
err-votes-cast-secret = Des votes ont déjà été exprimés à bulletin secret sur ce texte : ils restent secrets.
err-votes-cast-open = Des votes ont déjà été exprimés à découvert sur ce texte : ils restent publics.
err-no-ballot-key = Pour voter à bulletin secret, reconnectez-vous (pour un script : demandez un nouveau jeton). Cette session a été ouverte avant les bulletins secrets et ne peut pas déposer le vôtre.
err-ballot-sealed = Votre vote sur { $reference } a été exprimé sous votre ancien mot de passe : il compte toujours, mais ne peut plus être modifié.
field-votes = Votes
votes-secret = À bulletin secret
votes-secret-means = seuls les décomptes sont affichés, à tous, rédacteurs et administrateurs compris.
votes-open = À découvert
votes-open-means = le nom et le vote de chaque votant sont affichés à côté des décomptes.
votes-hint = Ne peut plus changer une fois le premier vote exprimé sur le texte.
no-votes-yet = Aucun vote pour l’instant.
votes-for = { $count } pour ({ $percent } %)
votes-against = { $count } contre ({ $percent } %)
votes-abstain = { $count } abstention(s) ({ $percent } %)
vote-for = pour
vote-against = contre
vote-abstain = abstention
votes-heading = Votes
your-vote = Votre vote : { $vote }.
your-vote-sealed = Vous avez voté sous votre ancien mot de passe : votre vote compte et ne peut plus être modifié.
cast-vote = Voter
change-vote = Modifier mon vote
votes-secret-note = Vote à bulletin secret : seuls les décomptes sont affichés, à tous. Vous pouvez modifier votre vote jusqu’à la fin de la consultation.
votes-open-note = Vote à découvert : le nom et le vote de chaque votant sont affichés. Vous pouvez modifier votre vote jusqu’à la fin de la consultation.
notice-voted = Votre vote sur { $reference } est enregistré.
vote-legend = Mon vote
sort-by = Ordre
sort-by-line = celui du texte
sort-by-co-signers = les plus co-signés d’abord
sort-by-votes = les plus approuvés d’abord
field-comment = Commentaire
field-hide-reason = Motif du masquage
err-comment-place = Un commentaire porte sur un alinéa, un amendement ou le texte entier ; une réponse va là où se trouve le commentaire auquel elle répond.
err-no-such-paragraph = Le texte n’a pas d’alinéa { $paragraph } : ses alinéas vont de 1 à { $count }.
err-reply-to-reply = Les réponses se placent sous le commentaire qui ouvre la discussion, pas sous une autre réponse.
err-comment-closed = Ce commentaire a été supprimé ou masqué : il ne peut plus être modifié ni recevoir de réponse.
comments-on-paragraph = Commentaires sur l’alinéa { $paragraph } : { $count }
comment-paragraph = Commenter l’alinéa { $paragraph }
no-comments-yet = Aucun commentaire pour l’instant.
reply = Répondre
your-reply = Votre réponse
your-comment = Votre commentaire
comment-hint = Texte simple ; les adresses web deviennent des liens. Publié sous votre nom affiché.
send-reply = Envoyer la réponse
send-comment = Publier le commentaire
comment-edited = modifié
comment-hidden-because = Commentaire masqué par la rédaction : { $reason }
comment-deleted = Commentaire supprimé par son auteur.
edit-comment = Modifier
delete-comment = Supprimer
hide-comment = Masquer
comments-on-paragraph-title = Commentaires sur l’alinéa { $paragraph }
comments-on-amendment-title = Commentaires sur { $reference }
comments-on-text-title = Discussion
paragraph-in-text = L’alinéa { $paragraph } dans le texte
paragraph-in-revision = L’alinéa { $paragraph } de la révision { $revision } (réécrit depuis)
back-to-amendment = Retour à l’amendement { $reference }
add-comment = Ajouter un commentaire
comments-closed = Les commentaires sont fermés dans cette phase du texte.
comment-title = Commentaire
back-to-discussion = Retour à la discussion
save-comment = Enregistrer le commentaire
delete-comment-hint = Ses mots sont effacés ; les réponses restent dans la discussion.
hide-comment-hint = Ses mots ne seront plus montrés à personne ; le motif s’affiche à leur place, pour tous.
nav-comments = Discussion
comments-heading = Commentaires
comments-on-other-paragraphs = Sur les alinéas du texte
comments-count =
    { $count ->
        [0] Aucun commentaire
        [one] Un commentaire
       *[other] { $count } commentaires
    }
field-email = Courriel
err-roster-empty = La liste ne contient aucun membre.
err-roster-more = Et { $count } de plus.
err-row-role = rôle « { $role } » inconnu (membre, rédacteur ou admin).
err-row-duplicate = cet identifiant figure déjà ligne { $line }.
err-row-columns = attendu : identifiant, nom, courriel et rôle ({ $count } cellules trouvées).
err-row-unreadable = cette ligne est illisible (vérifiez ses guillemets).
row-line = Ligne { $line } : { $problem }
err-last-admin = Il ne resterait aucun administrateur actif : nommez d’abord un autre administrateur.
err-member-inactive = Ce compte est désactivé : réactivez-le d’abord.
err-invitation-expired = Cette invitation a expiré. Demandez un nouveau lien à l’administration.
err-roster-too-many-rows = { $max ->
    [one] Une liste compte au plus { $max } membre.
   *[other] Une liste compte au plus { $max } membres.
}
err-roster-rows = { $count ->
    [one] Rien n’a été importé : { $count } ligne est erronée. { $rows }
   *[other] Rien n’a été importé : { $count } lignes sont erronées. { $rows }
}
role-member = membre
role-drafter = rédaction
role-admin = administration
field-role = Rôle
invitation-link = Lien d’invitation
valid-until = valable jusqu’au { $date }
member-deactivated = désactivé
member-no-password = n’a pas encore choisi de mot de passe
member-active = actif
invited-until = invitation valable jusqu’au { $date }
change-role = Changer le rôle
deactivate = Désactiver
reactivate = Réactiver
new-invitation = Nouveau lien d’invitation
members-title = Membres
nav-members = Membres
add-member = Ajouter un membre
name-hint = Le nom affiché à côté de ce qu’il ou elle écrit : un pseudonyme convient. L’identifiant n’est jamais montré aux autres membres.
add-member-button = Ajouter et créer le lien d’invitation
import-members = Importer une liste
members-list = Liste (CSV)
members-list-hint = Un membre par ligne : identifiant, nom, courriel, rôle (membre, rédaction ou admin ; membre si vide), séparés par des virgules, des points-virgules ou des tabulations, comme un tableur les exporte ou les copie ; une ligne d’en-tête est admise. Chaque ligne est vérifiée d’abord : si l’une est erronée, rien n’est importé.
import-button = Vérifier et importer
welcome-name = Bienvenue, { $name }
invitation-intro = Choisissez votre mot de passe : vous serez ensuite connecté. Ce lien ne sert qu’une fois.
password-again = Le même mot de passe, à nouveau
set-password = Enregistrer et se connecter
err-passwords-differ = Les deux mots de passe diffèrent.
member-changed = Le compte a été modifié.
err-account-deactivated = Ce compte a été désactivé. Adressez-vous à l’administration du parti.
invitations-made = { $count ->
    [one] Lien d’invitation, affiché cette seule fois : transmettez-le au membre.
   *[other] { $count } liens d’invitation, affichés cette seule fois : transmettez chacun à son membre.
}
members-count = { $count ->
    [one] { $count } compte
   *[other] { $count } comptes
}
password-hint = { $min ->
    [one] Au moins { $min } caractère.
   *[other] Au moins { $min } caractères.
}
former-member = ancien membre
account-title = Mon compte
login-private = (pour vous connecter ; jamais montré aux autres membres)
download-my-data = Télécharger mes données (JSON)
change-password = Changer mon mot de passe
current-password = Mot de passe actuel
new-password = Nouveau mot de passe
delete-account = Supprimer mon compte
delete-account-hint = Votre identifiant, votre nom, votre courriel et votre mot de passe sont effacés et vous êtes déconnecté partout. Vos amendements et commentaires restent, présentés comme ceux d’un ancien membre. C’est définitif.
delete-account-button = Supprimer définitivement mon compte
password-changed = Votre mot de passe a été changé ; vos autres sessions ont été fermées.
err-too-many-open = { $max ->
    [one] Vous avez déjà { $max } amendement ouvert sur ce texte, le maximum qu’il permet : retirez-le ou attendez la décision de la rédaction.
   *[other] Vous avez déjà { $max } amendements ouverts sur ce texte, le maximum qu’il permet : retirez-en un ou attendez les décisions de la rédaction.
}
err-too-fast-proposals = { $minutes ->
    [one] Vous avez proposé beaucoup d’amendements en peu de temps : vous pourrez proposer le suivant dans { $minutes } minute.
   *[other] Vous avez proposé beaucoup d’amendements en peu de temps : vous pourrez proposer le suivant dans { $minutes } minutes.
}
err-too-fast-comments = { $minutes ->
    [one] Vous avez écrit beaucoup de commentaires en peu de temps : vous pourrez écrire le suivant dans { $minutes } minute.
   *[other] Vous avez écrit beaucoup de commentaires en peu de temps : vous pourrez écrire le suivant dans { $minutes } minutes.
}
err-max-open-per-member = La limite d’amendements ouverts par membre est un nombre entier de 0 (aucune limite) à { $max }.
field-max-open = Amendements ouverts par membre
max-open-hint = Le nombre maximal d’amendements ouverts qu’un membre peut avoir à la fois sur ce texte ; 0 pour aucune limite. La rédaction n’est pas limitée.
create-account = Créer un compte
no-account-hint = Pas encore de compte ? L’administration du parti envoie un lien d’invitation.
registration-open = Chacun peut créer son propre compte de membre.
registration-closed = Seule l’administration crée les comptes (invitations, imports).
open-registration = Ouvrir l’inscription libre
close-registration = Fermer l’inscription libre
search-members = Trouver un membre (nom, identifiant ou courriel)
search = Chercher
nav-questions = Questions
question-on-paragraph = À propos de l’al. { $paragraph } :
question-open-until = Ouverte jusqu’au { $date }
question-closed-on = Close le { $date }
my-answer = ma réponse
answer-sealed = Vous avez répondu sous un ancien mot de passe : votre réponse compte, mais ne peut plus être lue ni changée.
your-answer = Votre réponse
change-answer = Changer ma réponse
send-answer = Répondre
answers-secret-note = Les réponses sont secrètes : seuls les décomptes sont montrés, à tous. Vous pouvez changer la vôtre jusqu’à la clôture.
questions-title = Questions aux adhérents
no-questions = Aucune question n’a été posée sur ce texte.
ask-question = Poser une question aux adhérents
field-question = Question
field-choice = Choix
field-choices = Choix proposés
choices-hint = Un par ligne, de 2 à 10.
field-question-paragraph = À propos de l’alinéa (facultatif)
field-closes-at = Réponses jusqu’au (heure de Paris)
err-choose-answer = Choisissez l’une des réponses.
err-choices-alike = Deux choix se lisent de la même façon.
err-question-closed = Cette question est close : les réponses ne sont plus reçues ni modifiées.
questions-of = Questions · { $title }
answers-count = { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
choice-count = { $count ->
    [one] { $count } réponse ({ $percent } %)
   *[other] { $count } réponses ({ $percent } %)
}
err-choice-count = Une question propose de { $min } à { $max } choix différents.
err-unknown-choice = Cette question propose { $count } choix, numérotés à partir de 0.
err-query-too-long = Une recherche compte au plus { $max } caractères.
err-query-too-many-terms = Une recherche compte au plus { $max } mots.
err-query-prefix-too-short = Un mot terminé par * demande au moins { $min } lettres avant l'étoile.
search-title = Recherche
search-label = Rechercher dans les textes, amendements et commentaires
search-button = Rechercher
search-hint = Tous les mots sont requis ; accents et majuscules sont indifférents. Mettez une expression entre "guillemets" ; écol* trouve les mots qui commencent par écol.
search-nothing = Aucun résultat pour « { $query } ».
search-results-for = Résultats pour « { $query } »
search-kind-text = Textes
search-kind-paragraph = Alinéas
search-kind-amendment = Amendements
search-kind-comment = Commentaires
search-kind-question = Questions
search-first-of = Les { $shown } meilleurs sur { $total }.
search-only-kind = En voir davantage
search-filter-kind = Type
search-any-kind = Tout
search-filter-text = Texte
search-any-text = Tous les textes
search-filter-topic = Thème
search-any-topic = Tous les thèmes
search-filter-state = État des amendements
search-any-state = Tout état
search-by-author = Seulement ce qu’a écrit { $name }.
search-all-authors = De tout le monde
search-paragraph = al. { $line }
search-filters = Affiner la recherche
fate-open = En discussion.
fate-accepted = Accepté, en attente d’intégration au texte.
fate-accepted-modified = Accepté sous une forme modifiée, en attente d’intégration au texte.
fate-adopted-kept = Adopté dans la révision { $revision } ; ses mots sont toujours dans le texte.
fate-adopted-partly = Adopté dans la révision { $revision } ; une partie de ses mots a été modifiée depuis.
fate-adopted-gone = Adopté dans la révision { $revision } ; ses mots ont été modifiés depuis.
fate-adopted-deletion = Adopté dans la révision { $revision } : le passage qu’il supprimait a quitté le texte.
fate-modified = La rédaction a modifié sa formulation avant de l’adopter.
fate-rejected = Rejeté.
fate-rejected-note = Rejeté : { $note }
fate-withdrawn = Retiré par son auteur ou son autrice.
fate-outdated = Dépassé : le texte a changé à cet endroit. Son auteur ou son autrice peut le réancrer.
fate-title = Ce qu’il est devenu
my-amendments-title = Mes amendements
my-amendments-none = Vous n’avez encore proposé aucun amendement.
outcomes-title = Ce que sont devenus les amendements
outcomes-link = Ce que sont devenus tous les amendements de ce texte
outcomes-none = Aucun amendement n’a été proposé sur ce texte.
record-adopted = Adoptés
record-accepted = Acceptés, à intégrer
record-rejected = Rejetés
record-withdrawn = Retirés
record-outdated = Dépassés
record-open = En discussion
record-total = En tout
record-mine =
    { $adopted ->
        [one] { $adopted } adopté
       *[other] { $adopted } adoptés
    } sur { $total ->
        [one] mon amendement
       *[other] mes { $total } amendements
    }
feed-site-title = Redraft : les nouveautés
feed-topic-title = { $topic } : les nouveautés
feed-text-title = { $text } : révisions, amendements, décisions
feed-revision-title = { $text } : révision { $revision }
feed-amendment-title = { $text } : { $reference } { $event }
feed-link = Flux Atom
nav-notifications = Notifications
notifications-title = Notifications
notifications-empty = Aucune notification pour l’instant. Vous êtes prévenu ici quand un rédacteur décide de vos amendements, quand quelqu’un répond à vos commentaires, et des nouvelles révisions, phases et échéances des textes que vous suivez.
notifications-mark-all-read = Tout marquer comme lu
notifications-mark-read = Marquer comme lu
notifications-older = Notifications plus anciennes
notifications-settings-link = Régler les notifications
notification-unread = Non lue
notify-kind-decision = Décisions sur mes amendements
notify-kind-outdated = Mes amendements dépassés (à réancrer)
notify-kind-reconfirm = Co-signatures à confirmer de nouveau
notify-kind-reply = Réponses à mes commentaires, commentaires sur mes amendements
notify-kind-revision = Nouvelles révisions des textes que je suis
notify-kind-phase = Phases et échéances des textes que je suis
notice-accepted = { $reference } a été accepté.
notice-accepted-modified = { $reference } a été accepté sous une forme modifiée.
notice-rejected = { $reference } a été rejeté.
notice-merged = { $reference } a été adopté : intégré à la révision { $revision }.
notice-outdated = { $reference } est dépassé : le texte a changé à cet endroit. Réancrez-le.
notice-reconfirm = { $reference }, que vous avez co-signé, a été reformulé : confirmez votre co-signature.
notice-reply = { $name } a répondu à votre commentaire.
notice-revision = Nouvelle révision { $revision } du texte.
notice-phase = Le texte passe à une nouvelle phase : { $phase }.
notice-deadline = La consultation se termine le { $when } : déposez vos amendements d’ici là.
notice-on-text = { $title } : { $message }
notify-settings-title = Réglages des notifications
notify-what = Ce qui me concerne
notify-in-app = Dans Redraft
notify-by-email = Par courriel
notify-emails = Courriels
notify-email-each = Un courriel par notification
notify-email-digest = Un résumé par jour
notify-email-language = Langue des courriels
notify-no-email = Votre compte n’a pas d’adresse électronique : les notifications restent dans Redraft. Un administrateur peut en ajouter une.
notify-no-smtp = Ce serveur n’envoie pas de courriels : les notifications restent dans Redraft.
notify-email-to = Les courriels vont à { $email }.
notify-save = Enregistrer
notify-saved = Réglages enregistrés.
notify-followed = Textes suivis
notify-followed-none = Vous ne suivez encore aucun texte. Proposer un amendement ou commenter un texte vous y abonne, tout comme le bouton « Suivre » de chaque texte.
follow-text = Suivre ce texte
unfollow-text = Ne plus suivre
following-note = Vous suivez ce texte : ses nouvelles révisions, phases et échéances vous sont notifiées.
unsubscribe-title = Se désabonner
unsubscribe-kind-confirm = { $name }, ne plus recevoir ces courriels : { $kind } ?
unsubscribe-all-confirm = { $name }, ne plus recevoir aucun courriel de Redraft ?
unsubscribe-button = Confirmer
unsubscribe-done = C’est fait : vous ne recevrez plus ces courriels. Vos notifications restent dans Redraft, et vos réglages peuvent rétablir les courriels.
email-greeting = Bonjour { $name },
email-see = Pour le voir : { $link }
email-why = Vous recevez ce courriel parce que vos réglages de notifications Redraft le demandent.
email-unsubscribe-kind = Ne plus recevoir ce type de courriel : { $link }
email-unsubscribe-all = Ne plus recevoir aucun courriel : { $link }
email-settings = Vos réglages de notifications : { $link }
digest-more = … et { $count } autres : { $link }
notifications-bell = { $count ->
    [0] Notifications
    [one] Notifications (1 non lue)
   *[other] Notifications ({ $count } non lues)
}
digest-subject = { $count ->
    [one] Redraft : 1 notification aujourd’hui
   *[other] Redraft : { $count } notifications aujourd’hui
}
digest-intro = { $count ->
    [one] Voici ce qui vous concerne sur Redraft :
   *[other] Voici les { $count } nouvelles qui vous concernent sur Redraft :
}
notice-rejected-note = { $reference } a été rejeté : { $note }
notice-comment-on-amendment = { $name } a commenté votre amendement { $reference }.
news-since = Depuis votre dernière visite ({ $when }) :
news-see-changes = Voir ce qui a changé dans le texte depuis la révision { $revision }
news-short = Nouveau depuis votre visite : { $items }
news-revisions = { $count ->
    [one] { $count } nouvelle révision
   *[other] { $count } nouvelles révisions
}
news-amendments = { $count ->
    [one] { $count } nouvel amendement
   *[other] { $count } nouveaux amendements
}
news-decisions = { $count ->
    [one] { $count } décision
   *[other] { $count } décisions
}
news-comments = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}
date =
    { $day } { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    } { $year }
stats-amendments-authors = { $amendments ->
    [one] { $amendments } amendement
   *[other] { $amendments } amendements
} · { $authors ->
    [one] { $authors } auteur
   *[other] { $authors } auteurs
}
stats-amendment-count = { $count ->
    [one] { $count } amendement
   *[other] { $count } amendements
}
stats-members-counts = Co-signatures : { $cosignatures } · votes : { $votes } · commentaires : { $comments }
nav-stats = Participation
stats-title = Participation
stats-by-section = Amendements par partie du texte
stats-by-section-hint = Plus une partie est foncée, plus elle a reçu d’amendements : ceux en jeu, et ceux adoptés dont elle porte les mots.
stats-start-of-text = Début du texte
stats-fates = Ce que sont devenus les amendements
stats-activity = Activité
stats-per-week = Par semaine, du { $from } au { $to }.
stats-per-month = Par mois, de { $from } à { $to }.
stats-series-amendments = Amendements déposés
stats-series-decisions = Décisions
stats-series-comments = Commentaires
stats-see-figures = Voir les chiffres
stats-from = À partir du
stats-among-members = Entre membres
stats-most-supported = Les plus co-signés
stats-most-voted = Les plus votés
stats-members-only = Les co-signatures, votes et commentaires sont l’affaire des membres : connectez-vous pour les voir.
stats-none = Aucun amendement pour l’instant.
stats-text = Texte
stats-amendments = Amendements
stats-adopted = Adoptés
stats-topic-texts = Par texte
share-title = Partager
share-permalink = Lien permanent vers cette révision
share-by-email = Courriel
share-embed = Intégrer sur un site
share-embed-hint = Copiez ce code dans votre page : une vue en lecture seule qui renvoie ici.
embed-read-on = Lire, commenter et amender sur Redraft
preview-text-kicker = Texte · révision { $revision }
preview-amendment-kicker = Amendement { $reference } · { $state }
preview-text-footer = Révision { $revision } du { $date }
event-rebased = réécrit sur une nouvelle révision (d’autres mots de ses alinéas ont changé)
notice-rebased = { $reference } a été réécrit sur la révision { $revision } : d’autres mots de ses alinéas y ont changé. Vérifiez qu’il dit toujours ce que vous vouliez.
rebased-badge = réécrit
rebased-badge-title = Réécrit sur une nouvelle révision : d’autres mots des mêmes alinéas ont changé depuis sa rédaction.
rebased-explanation = Une révision ultérieure a changé d’autres mots des alinéas que cet amendement modifie. Redraft l’a réécrit sur cette révision, mot à mot, en gardant ses propres changements ; ses co-signataires sont invités à confirmer de nouveau.
preview-merge-button = Prévisualiser la fusion
preview-merge-title = Aperçu de la fusion : { $title }
preview-merge-explanation = Le texte tel que la fusion de ces amendements dans la révision { $revision } le ferait. Rien n’est encore écrit.
preview-merge-collisions = Ces amendements ne peuvent pas être fusionnés ensemble : { $collisions }. Le texte ci-dessous est fait sans eux.
preview-merge-chosen = Amendements choisis
preview-merge-left-out = écarté : il entre en collision
preview-merge-back = Retour au bureau de revue
competing-title = Amendements concurrents
competing-explanation = Ces amendements modifient les mêmes mots : en adopter un rend les autres impossibles tels qu’ils sont rédigés. Dans l’ordre suggéré pour décider, du plus large au plus limité :
competing-this = celui-ci
competing-reach = portée : { $count }
field-printed-width = Largeur de la ligne imprimée (caractères)
printed-width-hint = Les textes du parti se citent par ligne imprimée (« l. 171 »). La largeur vaut pour les révisions écrites désormais ; celles déjà écrites gardent leurs numéros de ligne.
err-printed-width = La largeur de la ligne imprimée doit être comprise entre { $min } et { $max } caractères.
printed-title = { $title } : lignes imprimées
printed-meta = { $lines } { $lines ->
    [one] ligne imprimée
   *[other] lignes imprimées
} de { $width } caractères (découpage version { $algorithm })
printed-hint = Chaque ligne porte le numéro que citent les textes du parti (« l. 171 ») : le même à l’écran, sur papier et dans les exports. Imprimez cette page pour un exemplaire numéroté.
printed-link = Lignes imprimées
printed-line = l. { $line }
printed-lines = l. { $start }–{ $end }
live-title = { $title } : en direct
live-heading = Salle du congrès
live-badge = en direct
live-hint = Cette page suit le texte au fil des décisions et des fusions : elle se met à jour d’elle-même.
live-decisions = Amendements tranchés
live-text = Le texte en l’état
live-nothing-decided = Aucun amendement tranché pour l’instant.
live-link = Salle du congrès (en direct)
live-updated = Mis à jour.
live-lost = Connexion perdue : reconnexion…
live-counts = { $decided ->
    [one] { $decided } amendement tranché
   *[other] { $decided } amendements tranchés
}, { $open ->
    [one] { $open } en attente
   *[other] { $open } en attente
}
err-not-editorial = { $reference } n’est pas marqué rédactionnel : fusionnez-le avec les autres, une fois décidé.
editorial-badge = rédactionnel
editorial-badge-title = Orthographe, grammaire ou mise en forme seulement : le sens ne change pas.
field-editorial = Amendement rédactionnel (orthographe, grammaire, mise en forme : le sens ne change pas)
mark-editorial = Marquer comme rédactionnel
unmark-editorial = Pas rédactionnel
editorial-heading = Amendements rédactionnels
editorial-explanation = Orthographe, grammaire et mise en forme, marqués par leurs auteurs ou la rédaction. Une seule action accepte ceux encore ouverts et fusionne tous ceux qui n’en heurtent aucun autre ; les autres restent en l’état.
merge-editorial = Accepter et fusionner les amendements rédactionnels
editorial-merged = Fusionnés dans la révision { $revision } : { $merged }.
editorial-colliding = Laissés en l’état, car ils en heurtent un autre : { $references }.
editorial-below-quorum = Laissés ouverts, faute de co-signataires : { $references }.
provenance-title = { $title } : d’où vient chaque alinéa
provenance-heading = D’où vient chaque alinéa
provenance-link = Provenance
provenance-merged = de { $author }, fusionné dans la révision { $revision }
provenance-first = Première révision, par { $author }
provenance-edit = Édition de la rédaction, révision { $revision }, par { $author }
provenance-summary = { $amendments ->
    [one] { $amendments } alinéa vient
   *[other] { $amendments } alinéas viennent
} de { $authors ->
    [one] { $authors } amendement
   *[other] { $authors } amendements
}, { $edits } d’éditions de la rédaction, { $first } de la première révision.
alternatives-title = { $title } : amendements concurrents
alternatives-heading = Amendements concurrents
alternatives-link = Amendements concurrents
alternatives-explanation = Les amendements ouverts ou acceptés sur la révision courante qui modifient les mêmes mots, par groupes d’alternatives. Dans chaque groupe, l’ordre suggéré pour décider : du plus large au plus limité. En adopter un rend impossibles, tels qu’ils sont rédigés, ceux qu’il nomme.
alternatives-incomplete = Trop d’amendements portent sur les mêmes alinéas pour les comparer tous : ces groupes peuvent être incomplets.
alternatives-none = Aucun amendement ne modifie les mêmes mots qu’un autre.
alternatives-excludes = L’adopter rend impossibles : { $references }
alternatives-group = { $count } amendements en concurrence
err-unknown-hunk = Le changement { $index } n’est pas l’un des { $count } changements de cet amendement (numérotés à partir de 0).
adopt-in-part = Adopter en partie
adopt-in-part-hint = Cochez les changements à retenir : l’amendement est accepté sous une forme modifiée avec ceux-là seulement, et son auteur en garde le crédit.
accept-ticked = Accepter les changements cochés
book-title = { $title } : cahier des amendements
book-back = Retour au texte
book-link = Cahier des amendements
book-subtitle = { $count ->
    [one] { $count } amendement
   *[other] { $count } amendements
}, dans l’ordre des lignes imprimées · révision { $revision }
book-co-signers = { $count ->
    [one] { $count } co-signataire
   *[other] { $count } co-signataires
}
book-tally = pour { $for }, contre { $against }, abstention { $abstain }
csv-first-printed-line = Première ligne imprimée
csv-last-printed-line = Dernière ligne imprimée
sheet-name = Amendements
err-revision-range = La révision de départ ({ $from }) doit précéder celle d’arrivée ({ $to }).
err-too-many-revisions = Un export suit au plus { $max } révisions : choisissez un intervalle plus court.
tracked-download = Télécharger avec les modifications suivies, pour Word ou LibreOffice :
tracked-export-hint = Le texte avec les modifications de cette révision en suivi, attribuées à leurs auteurs, avec ses numéros de ligne imprimés
book-file-name = cahier-des-amendements
fate-adopted-partly-by = Adopté dans la révision { $revision } ; une partie de ses mots a été modifiée par la révision { $changed }.
fate-adopted-gone-by = Adopté dans la révision { $revision } ; ses mots ont été modifiés depuis par la révision { $changed }.
news-highlight-changes = Surligner dans le texte ce qui a changé depuis la révision { $revision }
since-clear = Retirer le surlignage
since-highlighted = { $count ->
    [0] Aucun alinéa n’a changé depuis la révision { $revision }.
    [one] Surligné : l’alinéa modifié ou ajouté depuis la révision { $revision }.
   *[other] Surlignés : les { $count } alinéas modifiés ou ajoutés depuis la révision { $revision }.
}
