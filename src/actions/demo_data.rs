//! The demo organisation's content: an original programme written for the demo (no
//! third-party text), its two revisions and a dozen amendments with their fates.

/// The first published revision of the programme.
pub const PROGRAMME_V1: &str = r#"# Programme pour une République écologique et solidaire
## Préambule
Ce programme est le fruit de dix-huit mois de travail collectif. Plus de quatre mille adhérentes et adhérents des Communs, réunis dans leurs comités locaux, leurs groupes thématiques et trois conventions nationales, en ont discuté chaque ligne avant de l'adopter.
Notre pays traverse une triple crise. Une crise sociale, d'abord : neuf millions de personnes vivent sous le seuil de pauvreté, et le travail ne protège plus de la précarité. Une crise écologique, ensuite : les canicules, les sécheresses et les inondations ne sont plus des menaces lointaines mais notre quotidien. Une crise démocratique, enfin : une majorité de citoyens ne se sent plus représentée par ses institutions.
Ces trois crises ont une racine commune : la conviction, installée depuis quarante ans, que le marché saurait mieux que la délibération collective organiser ce qui nous est commun. Nous pensons le contraire. L'eau, la santé, l'éducation, l'énergie, le climat et la connaissance sont des biens communs qui doivent être gouvernés démocratiquement.
Nous ne promettons pas de tout changer en un jour. Nous proposons une feuille de route pour une législature, chiffrée et hiérarchisée, dont chaque mesure pourra être évaluée publiquement.
Nos engagements reposent sur quatre principes :
- la justice sociale, parce qu'aucune transition ne réussira si elle fait payer les plus modestes ;
- la planification écologique, parce que le marché seul ne décarbonera pas l'économie à temps ;
- la démocratie permanente, parce que voter une fois tous les cinq ans ne suffit plus ;
- la coopération, en France comme en Europe, parce que nos défis ne connaissent pas de frontières.
Ce texte reste ouvert. Chaque adhérent peut proposer des amendements, et les équipes de rédaction s'engagent à répondre à chacun d'eux de manière motivée.
## Santé et hôpital public
La crise sanitaire a révélé l'épuisement de notre système de santé. Des services d'urgence ferment la nuit, six millions de Français n'ont pas de médecin traitant et les soignants quittent l'hôpital faute de temps pour bien soigner. Nous voulons reconstruire un service public de santé accessible partout et pour tous.
### Proposition 1 : Recruter 100 000 soignants à l'hôpital public
Nous recruterons 100 000 infirmiers, aides-soignants et personnels hospitaliers en cinq ans, financés par une hausse de l'objectif national de dépenses d'assurance maladie de 4 % par an.
- Fixer par la loi des ratios minimaux de soignants par patient dans chaque service.
- Revaloriser de 300 euros nets par mois les salaires des infirmiers et des aides-soignants.
- Rémunérer les heures de nuit et de week-end à hauteur de leur pénibilité réelle.
### Proposition 2 : En finir avec les déserts médicaux
Aucun habitant ne doit vivre à plus de trente minutes d'un service de soins d'urgence.
- Réguler l'installation des médecins dans les zones déjà bien dotées : une installation n'y sera autorisée qu'en remplacement d'un départ.
- Créer 1 000 centres de santé publics où les médecins sont salariés, en priorité dans les territoires sous-dotés.
- Former 15 000 médecins par an d'ici 2030 en donnant aux facultés les moyens d'accueillir davantage d'étudiants.
### Proposition 3 : Sortir l'hôpital de la logique comptable
La tarification à l'activité a transformé les soins en actes rentables ou déficitaires. Nous la remplacerons par un financement mixte fondé sur les besoins de santé des territoires, et nous reprendrons à la charge de l'État un tiers de la dette des hôpitaux.
### Proposition 4 : Une Sécurité sociale intégrale
Nous rembourserons à 100 % les soins prescrits, en intégrant progressivement les complémentaires santé dans l'assurance maladie obligatoire. Les soins dentaires, optiques et auditifs seront les premiers concernés.
### Proposition 5 : Un pôle public du médicament
Pour mettre fin aux pénuries, nous créerons un pôle public capable de produire en France les médicaments essentiels et de constituer des stocks stratégiques. Les aides publiques à l'industrie pharmaceutique seront conditionnées à la relocalisation de la production.
## École et enseignement supérieur
L'école de la République doit redevenir le lieu de l'émancipation de tous les enfants. Or elle est aujourd'hui l'une des plus inégalitaires de l'OCDE : l'origine sociale y pèse davantage sur les résultats scolaires que dans la plupart des pays comparables.
### Proposition 6 : Des classes à taille humaine
- Limiter les effectifs à 20 élèves par classe en maternelle et en élémentaire, et à 24 au collège.
- Recruter 60 000 enseignants sur la législature, ainsi que 10 000 accompagnants d'élèves en situation de handicap titularisés.
- Rétablir une formation initiale rémunérée des enseignants, dès la licence, en échange d'un engagement de service de cinq ans.
### Proposition 7 : Revaloriser les métiers de l'éducation
Les enseignants français sont moins bien payés que leurs collègues allemands ou espagnols. Nous augmenterons leur rémunération de 15 % sur la législature, sans contrepartie de charge de travail supplémentaire.
### Proposition 8 : Une école vraiment gratuite
- Instaurer la gratuité intégrale de la cantine scolaire, avec des repas composés à 50 % de produits biologiques et locaux.
- Prendre en charge les fournitures et les sorties scolaires.
- Rénover thermiquement toutes les écoles d'ici 2035 et les adapter aux vagues de chaleur.
### Proposition 9 : Réformer Parcoursup et l'accès aux études
Nous remplacerons Parcoursup par une plateforme publique transparente dont les algorithmes de classement seront publiés. Nous ouvrirons 50 000 places supplémentaires à l'université pour que chaque bachelier puisse poursuivre ses études dans la filière de son choix.
### Proposition 10 : Une allocation d'autonomie pour la jeunesse
Aucun étudiant ne devrait avoir à travailler au détriment de ses études. Nous créerons une allocation d'autonomie de 850 euros par mois pour les étudiants et les jeunes en formation, calculée sur leurs ressources propres et non sur celles de leurs parents.
- Construire 150 000 logements étudiants publics en cinq ans.
- Porter le budget de la recherche publique à 1 % du PIB et titulariser les chercheurs précaires.
## Transition écologique
Le dérèglement climatique est la question centrale de notre siècle. La France s'est engagée à réduire ses émissions de gaz à effet de serre de 55 % d'ici 2030 par rapport à 1990 ; elle n'est pas sur la trajectoire. Nous créerons un secrétariat général à la planification écologique, rattaché au Premier ministre, chargé de coordonner l'action de tous les ministères et d'en rendre compte chaque année devant le Parlement.
### Proposition 11 : Un plan de rénovation thermique massif
Nous rénoverons 700 000 logements par an, en priorité les 5 millions de passoires thermiques. Les ménages modestes seront intégralement remboursés de leurs travaux, et un guichet public unique accompagnera chaque projet de bout en bout.
### Proposition 12 : Sortir des énergies fossiles
- Atteindre 50 % d'électricité d'origine renouvelable en 2035, en accélérant l'éolien en mer, le solaire sur les toitures et les friches, et la géothermie.
- Créer un grand service public de l'énergie en reprenant le contrôle d'EDF et en l'associant aux régies locales.
- Garantir à chaque foyer un premier volume d'électricité et de gaz à tarif réduit, et renchérir les consommations excessives.
- Interdire toute nouvelle exploration d'hydrocarbures sur le territoire national et dans nos eaux.
### Proposition 13 : Des transports du quotidien décarbonés
Les transports sont le premier secteur émetteur du pays. Nous investirons 3 milliards d'euros par an dans le ferroviaire, rouvrirons les petites lignes et les trains de nuit, et baisserons la TVA sur les transports en commun à 5,5 %.
- Rendre gratuits les transports en commun pour les moins de 25 ans.
- Financer 100 000 kilomètres d'aménagements cyclables sécurisés d'ici 2032.
- Interdire les vols intérieurs lorsqu'une alternative ferroviaire de moins de quatre heures existe.
- Instaurer une taxe kilométrique sur les poids lourds en transit pour financer le fret ferroviaire.
### Proposition 14 : Une agriculture paysanne et écologique
Notre agriculture doit nourrir la population sans épuiser les sols, l'eau et la santé de celles et ceux qui la font vivre. Nous accompagnerons chaque exploitation dans sa transition au lieu de la laisser seule face au marché mondial.
- Porter la surface agricole en agriculture biologique à 30 % d'ici 2032.
- Interdire le glyphosate et les néonicotinoïdes, en accompagnant financièrement les agriculteurs concernés.
- Garantir des prix planchers pour les producteurs, fixés chaque année par une conférence nationale des prix.
- Installer 200 000 nouveaux paysans en dix ans grâce à un fonds public d'accès au foncier.
- Réorienter les aides de la politique agricole commune vers l'emploi agricole et les pratiques favorables à la biodiversité.
### Proposition 15 : Protéger l'eau et la biodiversité
L'eau est un bien commun. Nous encouragerons le retour en régie publique de la gestion de l'eau, interdirons les nouvelles méga-bassines et garantirons la gratuité des premiers mètres cubes indispensables à la vie.
- Placer 10 % du territoire sous protection forte, contre 4 % aujourd'hui.
- Mettre fin à l'artificialisation nette des sols dès 2040.
### Proposition 16 : Une règle verte pour l'État
L'État ne prélèvera plus à la nature davantage que ce qu'elle peut reconstituer. Chaque projet de loi de finances sera évalué au regard de son impact climatique, et les niches fiscales défavorables à l'environnement seront supprimées en trois ans.
## Travail, salaires et protection sociale
Le travail doit permettre de vivre dignement. Pourtant, près d'un salarié sur cinq est payé au voisinage du SMIC, les contrats courts se multiplient et les écarts de rémunération atteignent des niveaux inédits dans les grandes entreprises.
### Proposition 17 : Augmenter les salaires
- Porter le SMIC à 1 600 euros nets par mois dès la première année de la législature.
- Rétablir l'indexation automatique des salaires sur l'inflation, négociée branche par branche.
- Limiter l'écart des rémunérations de 1 à 20 dans chaque entreprise.
- Conditionner les aides publiques aux entreprises au respect de l'égalité salariale entre les femmes et les hommes.
### Proposition 18 : Réduire et partager le temps de travail
Nous appliquerons réellement la semaine de 35 heures en majorant de 25 % dès la première heure supplémentaire, et nous encouragerons par la négociation collective le passage à la semaine de quatre jours sans perte de salaire.
### Proposition 19 : Rétablir la retraite à 62 ans
Nous rétablirons l'âge légal de départ à la retraite à 62 ans, avec 40 annuités de cotisation pour une pension à taux plein. La pénibilité sera de nouveau prise en compte, y compris pour les métiers exposés au port de charges lourdes et aux postures pénibles.
### Proposition 20 : Une garantie d'emploi et une assurance chômage protectrice
Nous abrogerons les réformes récentes de l'assurance chômage qui ont réduit la durée et le montant des indemnités. L'État deviendra employeur en dernier ressort pour les chômeurs de longue durée, en s'appuyant sur l'expérience des territoires zéro chômeur.
- Étendre l'expérimentation des territoires zéro chômeur de longue durée à 1 000 territoires.
- Taxer les contrats courts dans les secteurs qui en abusent.
- Ouvrir l'assurance chômage aux indépendants et reconnaître comme salariés les travailleurs des plateformes.
### Proposition 21 : Des minima sociaux au niveau du seuil de pauvreté
Aucune personne âgée et aucun allocataire ne devra vivre sous le seuil de pauvreté. Nous porterons progressivement le minimum vieillesse et le RSA à 1 000 euros par mois, et nous automatiserons le versement des prestations pour mettre fin au non-recours.
## Logement
Le logement est devenu le premier poste de dépenses des ménages. Plus de trois cent mille personnes sont sans domicile, et quatre millions de personnes sont mal logées selon les associations de solidarité.
### Proposition 22 : Construire 200 000 logements sociaux par an
Nous construirons 200 000 logements sociaux par an pendant cinq ans, dont une majorité de logements très sociaux, en portant à 30 % l'obligation de logements sociaux dans les communes concernées par la loi SRU et en multipliant par cinq les sanctions contre les communes récalcitrantes.
### Proposition 23 : Encadrer les loyers et lutter contre la spéculation
- Généraliser l'encadrement des loyers à toutes les zones tendues.
- Limiter strictement les meublés de tourisme dans les communes où l'accès au logement est difficile.
- Taxer fortement les logements vacants depuis plus de deux ans et permettre leur réquisition.
- Créer un droit de préemption renforcé pour les communes sur les terrains et les immeubles mis en vente.
### Proposition 24 : Garantir le droit au logement
Nous appliquerons le principe « zéro personne à la rue » en créant 20 000 places d'hébergement pérennes et en instaurant une garantie universelle des loyers, publique et gratuite, qui remplacera les cautions exigées des locataires. Aucune expulsion ne pourra avoir lieu sans solution de relogement.
## Égalité et lutte contre les discriminations
La République promet l'égalité, mais elle ne la garantit pas encore. Les femmes gagnent en moyenne près d'un quart de moins que les hommes, les personnes en situation de handicap sont deux fois plus exposées au chômage, et les discriminations liées à l'origine ou au lieu de résidence restent massives.
### Proposition 25 : Atteindre l'égalité entre les femmes et les hommes
- Sanctionner réellement les entreprises qui ne respectent pas l'égalité salariale, avec des amendes pouvant atteindre 1 % de la masse salariale.
- Consacrer 2 milliards d'euros par an à la lutte contre les violences sexistes et sexuelles.
- Allonger le congé de paternité et d'accueil de l'enfant à la même durée que le congé de maternité.
- Créer un service public de la petite enfance garantissant une place d'accueil à chaque enfant de moins de trois ans.
### Proposition 26 : Rendre la société accessible
Nous rendrons accessibles tous les établissements recevant du public et tous les transports d'ici 2032. L'allocation aux adultes handicapés sera portée au niveau du seuil de pauvreté, et les personnes en situation de handicap pourront choisir librement leur lieu de vie.
### Proposition 27 : Combattre toutes les discriminations
- Généraliser les tests de discrimination à l'embauche et au logement, et en publier les résultats.
- Instaurer un récépissé lors des contrôles d'identité pour mettre fin aux contrôles au faciès.
- Doubler les moyens du Défenseur des droits.
## Services publics et territoires
Partout, la fermeture des bureaux de poste, des maternités, des trésoreries et des gares a nourri le sentiment d'abandon. Nous voulons que chaque habitant, où qu'il vive, ait accès aux services publics essentiels.
### Proposition 28 : Un service public à moins de vingt minutes
- Garantir l'accès à une école, un bureau de poste, un médecin et une gare ou une ligne de car à moins de vingt minutes de chaque domicile.
- Instaurer un moratoire sur toute fermeture de service public en zone rurale.
- Rouvrir les maternités de proximité lorsque la sécurité des accouchements peut être garantie.
### Proposition 29 : Donner aux communes les moyens d'agir
Nous indexerons la dotation globale de fonctionnement sur l'inflation et nous créerons un fonds de 5 milliards d'euros par an pour l'adaptation des territoires au changement climatique, géré par les collectivités.
### Proposition 30 : Reconnaître les agents publics
Nous dégèlerons le point d'indice et l'indexerons sur l'inflation, et nous titulariserons les contractuels qui occupent un emploi permanent de la fonction publique.
### Proposition 31 : Les outre-mer, territoires de la République à part entière
Nous mettrons fin à la vie chère dans les outre-mer en encadrant les marges de la grande distribution, et nous garantirons l'accès à une eau potable de qualité en Guadeloupe et à Mayotte, où les coupures sont devenues quotidiennes.
## Démocratie et institutions
La Ve République concentre le pouvoir entre les mains d'une seule personne. Les citoyens votent de moins en moins, faute de sentir que leur voix compte. Nous voulons refonder nos institutions pour que le peuple ait le dernier mot.
### Proposition 32 : Une assemblée constituante
Dès la première année, nous convoquerons une assemblée constituante, composée pour moitié de citoyens tirés au sort et pour moitié de représentants élus, chargée de rédiger une nouvelle Constitution. Celle-ci sera soumise à référendum.
### Proposition 33 : Le référendum d'initiative citoyenne
Nous instaurerons un référendum d'initiative citoyenne, déclenché par la signature de 700 000 électeurs, qui pourra être législatif, abrogatoire ou révocatoire. Ses règles de campagne garantiront un accès équitable aux médias et un plafonnement strict des dépenses.
### Proposition 34 : La proportionnelle à l'Assemblée nationale
- Élire les députés à la représentation proportionnelle intégrale, sur des listes départementales paritaires.
- Abaisser le droit de vote à 16 ans pour toutes les élections.
- Reconnaître le vote blanc comme suffrage exprimé.
- Limiter à deux le nombre de mandats identiques consécutifs.
### Proposition 35 : Une démocratie plus transparente
Nous renforcerons les pouvoirs de la Haute Autorité pour la transparence de la vie publique, encadrerons strictement le lobbying et rendrons public l'agenda des ministres. Les conflits d'intérêts seront sanctionnés par une peine d'inéligibilité.
### Proposition 36 : Libérer les médias des puissances d'argent
- Interdire qu'un groupe industriel dépendant de la commande publique contrôle un média d'information.
- Garantir l'indépendance des rédactions par un droit d'agrément sur la nomination des directeurs.
- Assurer un financement pérenne et indépendant de l'audiovisuel public.
### Proposition 37 : Une police et une justice au service des citoyens
Nous créerons une autorité indépendante chargée d'enquêter sur les manquements des forces de l'ordre, nous rétablirons une police de proximité et nous porterons le budget de la justice au niveau de la moyenne européenne par habitant.
## Numérique et libertés
Le numérique doit être un outil d'émancipation, pas de surveillance ni de dépendance à une poignée de multinationales. Nos données personnelles, nos infrastructures et nos logiciels sont des enjeux de souveraineté démocratique.
### Proposition 38 : Le logiciel libre dans les services publics
Les administrations et les établissements publics utiliseront en priorité des logiciels libres. Tout logiciel développé avec de l'argent public sera publié sous licence libre.
- Créer une agence publique chargée de mutualiser les développements entre administrations et collectivités.
- Former les agents publics aux outils libres et accompagner les migrations.
- Héberger les données sensibles de l'État et des hôpitaux exclusivement chez des prestataires soumis au seul droit européen.
### Proposition 39 : Ouvrir les données publiques
Toutes les données produites par l'administration seront publiées par défaut en format ouvert, sauf lorsqu'elles mettent en jeu la vie privée ou la sécurité nationale. Les algorithmes utilisés pour prendre des décisions administratives seront documentés et leur code source publié.
### Proposition 40 : Protéger les libertés en ligne
- Interdire la reconnaissance faciale dans l'espace public.
- Garantir le droit au chiffrement des communications et refuser toute porte dérobée imposée aux messageries.
- Faire respecter la neutralité du net et sanctionner réellement les violations du règlement général sur la protection des données.
### Proposition 41 : Réduire la fracture numérique
Treize millions de personnes sont éloignées du numérique. Nous garantirons qu'aucune démarche administrative ne soit accessible uniquement en ligne, et nous créerons 4 000 postes de conseillers numériques dans les maisons de services publics.
- Achever le déploiement de la fibre optique dans les zones rurales d'ici 2027.
- Imposer aux fabricants une garantie de dix ans sur les appareils électroniques et la disponibilité des pièces détachées.
## Culture, sport et vie associative
La culture et le sport ne sont pas des suppléments d'âme : ils font tenir une société ensemble. Les associations, qui reposent sur vingt millions de bénévoles, ont pourtant vu leurs financements publics fondre.
### Proposition 42 : Un budget de la culture à 1 % du budget de l'État
- Consacrer 1 % du budget de l'État à la culture, hors audiovisuel public.
- Sécuriser le régime des intermittents du spectacle.
- Étendre les horaires d'ouverture des bibliothèques publiques le soir et le dimanche.
- Garantir un parcours d'éducation artistique et culturelle à chaque élève, de la maternelle au lycée.
### Proposition 43 : Le sport pour tous et une vie associative soutenue
Nous rénoverons 5 000 équipements sportifs de proximité, en priorité dans les quartiers populaires et les zones rurales, et nous doublerons le nombre de postes aidés dans les associations grâce à un fonds pour l'emploi associatif.
- Rétablir des subventions de fonctionnement pluriannuelles pour les associations, plutôt que des appels à projets annuels.
## Europe et international
Nous sommes européens et nous voulons une Europe qui protège : les travailleurs contre le dumping social, les citoyens contre le dérèglement climatique, les peuples contre la loi du plus fort. Cette Europe n'existera pas sans rupture avec certaines des règles actuelles.
### Proposition 44 : Réformer les règles budgétaires européennes
Nous proposerons de sortir les investissements nécessaires à la transition écologique du calcul des déficits publics. Tant que ce ne sera pas obtenu, la France refusera d'appliquer les règles qui empêchent ces investissements.
### Proposition 45 : Un protectionnisme écologique et social
- Refuser la ratification des accords de libre-échange qui ne respectent pas l'accord de Paris, dont l'accord avec le Mercosur.
- Étendre le mécanisme d'ajustement carbone aux frontières de l'Union à l'ensemble des produits importés.
- Harmoniser par le haut le salaire minimum et l'impôt sur les sociétés dans l'Union, avec un taux plancher de 25 %.
### Proposition 46 : Une diplomatie de la paix et de la coopération
La France défendra partout le droit international, plaidera pour le désarmement nucléaire multilatéral et consacrera 0,7 % de son revenu national brut à l'aide publique au développement dès 2030.
### Proposition 47 : Une politique migratoire digne
Nous organiserons un accueil digne des personnes exilées, en lien avec les collectivités et les associations. Nous garantirons l'examen des demandes d'asile dans des délais raisonnables et faciliterons la régularisation des travailleurs sans papiers qui vivent et travaillent en France.
- Mettre fin à l'enfermement des enfants dans les centres de rétention administrative.
- Créer un mécanisme européen de sauvetage en mer.
## Financement du programme
Notre programme représente environ 120 milliards d'euros de dépenses nouvelles par an en fin de législature. Il sera financé par une réforme fiscale juste, la lutte contre la fraude, la révision des aides aux entreprises et les recettes générées par l'activité qu'il suscitera.
### Proposition 48 : Une fiscalité plus juste
- Rétablir un impôt sur la fortune renforcé, avec un volet climatique sur les patrimoines financiers les plus polluants : 15 milliards d'euros.
- Créer un impôt sur le revenu à quatorze tranches, plus progressif, qui baissera l'impôt des classes moyennes : 10 milliards d'euros.
- Taxer les superprofits des grandes entreprises et supprimer le prélèvement forfaitaire unique sur les revenus du capital : 12 milliards d'euros.
- Réformer l'impôt sur les successions en exonérant les petites et moyennes transmissions et en taxant davantage les plus importantes : 15 milliards d'euros.
### Proposition 49 : Lutter contre la fraude et l'évasion fiscales
La fraude fiscale coûte chaque année plusieurs dizaines de milliards d'euros aux finances publiques. Nous recruterons 3 000 agents des finances publiques, renforcerons les moyens du parquet national financier et instaurerons un impôt universel qui rendra redevables en France les contribuables qui s'exilent pour échapper à l'impôt. Nous en attendons 30 milliards d'euros de recettes supplémentaires par an.
### Proposition 50 : Revoir les aides aux entreprises
Les aides publiques aux entreprises dépassent 150 milliards d'euros par an, sans évaluation sérieuse. Nous les conditionnerons à des critères sociaux et écologiques et supprimerons celles dont l'efficacité n'est pas démontrée, pour une économie de 25 milliards d'euros.
### Proposition 51 : Un investissement qui se rembourse
Les dépenses de santé, d'éducation et de transition écologique sont des investissements. Elles réduiront demain le coût des maladies, du chômage et des catastrophes climatiques. L'activité supplémentaire qu'elles généreront rapportera au moins 20 milliards d'euros de recettes fiscales et sociales par an.
## Mettre en œuvre ce programme
Un programme ne vaut que par sa mise en œuvre. Nous prenons quatre engagements de méthode :
- présenter au Parlement, dans les cent premiers jours, les lois de programmation pour la santé, l'éducation et la planification écologique ;
- publier chaque année un rapport d'évaluation de chaque mesure, établi par des organismes indépendants ;
- associer les syndicats, les associations et les collectivités à l'élaboration de chaque réforme ;
- rendre compte chaque année devant les adhérents et les citoyens, lors d'une convention ouverte.
Ensemble, faisons des communs la boussole de la République."#;

/// The drafter's full-text edit that made revision 2: lines of PROGRAMME_V1 replaced (1-based
/// `start`, `count` lines; 0 inserts before `start`) by `new_lines`.
pub struct DrafterEdit {
    pub start: u32,
    pub count: u32,
    pub new_lines: &'static [&'static str],
}

pub const DRAFTER_EDIT: &[DrafterEdit] = &[
    DrafterEdit {
        start: 3,
        count: 1,
        new_lines: &[
            "Ce programme est le fruit de dix-huit mois de travail collectif. Plus de cinq mille adhérentes et adhérents des Communs, réunis dans leurs comités locaux, leurs groupes thématiques et trois conventions nationales, en ont discuté chaque ligne avant de l'adopter.",
        ],
    },
    DrafterEdit {
        start: 26,
        count: 1,
        new_lines: &[
            "La tarification à l'activité pousse les hôpitaux à multiplier les actes rentables et à délaisser les patients dont la prise en charge est longue. Nous la limiterons à une part minoritaire du financement, le reste étant attribué selon les besoins de santé de chaque territoire, et l'État reprendra à sa charge un tiers de la dette des hôpitaux.",
        ],
    },
    DrafterEdit {
        start: 58,
        count: 0,
        new_lines: &[
            "- Soutenir les coopératives citoyennes et les communes qui produisent leur propre énergie renouvelable, en leur réservant une part des appels d'offres.",
        ],
    },
    DrafterEdit {
        start: 94,
        count: 1,
        new_lines: &[
            "Aucune personne âgée et aucun allocataire ne devra vivre sous le seuil de pauvreté. Nous porterons progressivement le minimum vieillesse et le RSA au niveau du seuil de pauvreté, soit environ 1 200 euros par mois pour une personne seule, et nous automatiserons le versement des prestations pour mettre fin au non-recours.",
        ],
    },
    DrafterEdit { start: 165, count: 1, new_lines: &[] },
    DrafterEdit {
        start: 192,
        count: 1,
        new_lines: &[
            "Notre programme représente environ 127 milliards d'euros de dépenses nouvelles par an en fin de législature. Il sera financé par une réforme fiscale juste, la lutte contre la fraude, la révision des aides aux entreprises et les recettes générées par l'activité qu'il suscitera.",
        ],
    },
];

/// What happens to a demo amendment after it is proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    Open,
    Accepted,
    /// Accepted with the drafter's own wording.
    AcceptedAsModified(&'static [&'static str]),
    Rejected(&'static str), // the drafter's note
    Withdrawn,
    /// Accepted, then merged into a new revision.
    Merged,
    /// Left open, but it changes the same words as a merged amendment, so the merge
    /// outdates it.
    Outdated,
    /// Left open, changing other words of an alinéa a merged amendment changed: the merge
    /// rewrites it onto the new wording and flags it (rule 9).
    Rebased,
}

pub struct DemoAmendment {
    /// Login of the proposer: "camille" or "yanis".
    pub author: &'static str,
    /// 1-based first line of revision 2 it replaces, and how many lines (0 = insert before `start`).
    pub start: u32,
    pub count: u32,
    /// The lines proposed instead (empty slice = delete the lines).
    pub new_lines: &'static [&'static str],
    pub summary: &'static str,
    pub rationale: &'static str,
    pub fate: Fate,
    /// Marked editorial by its author (spelling, grammar, formatting).
    pub editorial: bool,
}

/// The members' amendments on revision 2, in the order of the text.
pub const AMENDMENTS: &[DemoAmendment] = &[
    DemoAmendment {
        author: "camille",
        editorial: false,
        start: 15,
        count: 2,
        new_lines: &[
            "### Proposition 1 : Recruter 150 000 soignants à l'hôpital public",
            "Nous recruterons 150 000 infirmiers, aides-soignants et personnels hospitaliers en cinq ans, dont 30 000 dans les établissements pour personnes âgées dépendantes, financés par une hausse de l'objectif national de dépenses d'assurance maladie de 4,5 % par an.",
        ],
        summary: "Porter l'objectif à 150 000 soignants, dont 30 000 en Ehpad",
        rationale: "Les fédérations hospitalières estiment elles-mêmes qu'il manque plus de 100 000 soignants rien qu'à l'hôpital. Or le texte oublie entièrement les Ehpad, où le manque de personnel est le plus criant et où les départs sont les plus nombreux. Viser 150 000 recrutements, dont 30 000 dans le médico-social, est cohérent avec les ratios de soignants que nous voulons inscrire dans la loi. Le surcoût reste absorbable avec un objectif de dépenses relevé d'un demi-point.",
        fate: Fate::Open,
    },
    DemoAmendment {
        author: "yanis",
        editorial: false,
        start: 67,
        count: 1,
        new_lines: &["- Porter la surface agricole en agriculture biologique à 25 % d'ici 2032."],
        summary: "Ramener l'objectif de surface en bio à 25 %",
        rationale: "La part de la surface agricole cultivée en bio stagne autour de 10 % depuis trois ans, et plusieurs filières traversent une crise de débouchés. Annoncer 30 % en cinq ans n'est pas crédible auprès des agriculteurs que nous voulons convaincre. Un objectif de 25 % représente déjà un quasi-triplement et rejoint l'ambition affichée au niveau européen.",
        fate: Fate::Merged,
    },
    DemoAmendment {
        author: "camille",
        editorial: false,
        start: 67,
        count: 1,
        new_lines: &[
            "- Porter la surface agricole en agriculture biologique à 30 % d'ici 2032, en garantissant aux producteurs des débouchés dans la restauration collective publique.",
        ],
        summary: "Lier l'objectif bio à des débouchés dans les cantines",
        rationale: "Les conversions en bio ne tiendront pas si les producteurs ne trouvent pas d'acheteurs au juste prix. La restauration collective publique, cantines scolaires, hôpitaux et administrations, peut offrir ces débouchés stables. Cela fait aussi le lien avec notre proposition sur la cantine gratuite.",
        fate: Fate::Rebased,
    },
    DemoAmendment {
        author: "camille",
        editorial: false,
        start: 67,
        count: 1,
        new_lines: &["- Porter la surface agricole en agriculture biologique à 40 % d'ici 2032."],
        summary: "Viser 40 % de la surface agricole en bio",
        rationale: "Les pays voisins les plus avancés dépassent déjà 25 %. Un objectif de 40 % donne un cap clair aux filières et justifie les aides à la conversion que nous proposons.",
        fate: Fate::Outdated,
    },
    DemoAmendment {
        author: "camille",
        editorial: false,
        start: 68,
        count: 1,
        new_lines: &[
            "- Sortir du glyphosate d'ici 2030 en finançant la recherche d'alternatives, et interdire les néonicotinoïdes sans dérogation.",
        ],
        summary: "Fixer une sortie progressive du glyphosate d'ici 2030",
        rationale: "Dans certaines exploitations, notamment en grandes cultures sans labour, il n'existe pas encore d'alternative éprouvée au glyphosate. Une interdiction immédiate risquerait de dresser les agriculteurs contre l'ensemble de notre projet agricole. Une échéance claire, assortie d'un effort de recherche, serait plus efficace et plus juste.",
        fate: Fate::Rejected(
            "La sortie du glyphosate a déjà été repoussée plusieurs fois faute d'échéance contraignante ; une date lointaine serait comprise comme un recul. L'accompagnement financier prévu par le texte répond à la difficulté des exploitations concernées, et le décret d'application pourra prévoir des délais par filière.",
        ),
    },
    DemoAmendment {
        author: "camille",
        editorial: false,
        start: 81,
        count: 1,
        new_lines: &["- Porter le SMIC à 1 700 euros nets par mois dès la première année de la législature."],
        summary: "Porter le SMIC à 1 700 euros nets",
        rationale: "Avec l'inflation des dernières années, 1 600 euros nets ne représenteraient qu'un rattrapage modeste au moment de notre arrivée au pouvoir. Les syndicats revendiquent déjà un niveau supérieur, et nous ne pouvons pas être en retrait sur eux. 1 700 euros permettraient à un salarié à temps plein de se loger décemment hors des grandes métropoles.",
        fate: Fate::Open,
    },
    DemoAmendment {
        author: "yanis",
        editorial: false,
        start: 81,
        count: 1,
        new_lines: &[
            "- Porter le SMIC à 1 600 euros nets par mois dès la première année de la législature, avec une aide dégressive sur trois ans pour les entreprises de moins de dix salariés.",
        ],
        summary: "Accompagner les très petites entreprises face à la hausse du SMIC",
        rationale: "Une hausse brutale du SMIC est facile à absorber pour une grande entreprise, beaucoup moins pour un artisan ou un commerce de proximité. Sans accompagnement, nos adversaires auront beau jeu de dire que la mesure détruira des emplois dans les territoires. Une aide temporaire et dégressive, financée par la révision des aides aux grandes entreprises, rend la mesure plus solide.",
        fate: Fate::Open,
    },
    DemoAmendment {
        author: "yanis",
        editorial: false,
        start: 124,
        count: 0,
        new_lines: &[
            "- Ouvrir dans chaque canton une maison des services publics tenue par des agents de l'État, de la Sécurité sociale et de France Travail, et non par des prestataires.",
        ],
        summary: "Une maison des services publics dans chaque canton",
        rationale: "Garantir un accès à moins de vingt minutes suppose des lieux concrets où trouver un agent pour être aidé. Les espaces existants sont inégalement répartis et souvent tenus par des personnels sans formation suffisante. Un maillage cantonal avec des agents publics donnerait un contenu visible à notre promesse.",
        fate: Fate::Open,
    },
    DemoAmendment {
        author: "yanis",
        editorial: false,
        start: 140,
        count: 1,
        new_lines: &[],
        summary: "Supprimer l'abaissement du droit de vote à 16 ans",
        rationale: "Cette mesure est mal comprise dans une partie de notre électorat et détourne l'attention de la réforme essentielle, la proportionnelle. Elle n'a pas fait l'objet d'un véritable débat dans les comités locaux. Mieux vaudrait la renvoyer à l'assemblée constituante plutôt que de l'inscrire dans le programme.",
        fate: Fate::Rejected(
            "Le vote à 16 ans a été adopté par la dernière convention nationale à une large majorité, après un débat dans les comités ; nous ne le retirerons pas sans nouveau vote. La question pourra être rouverte lors de la prochaine convention.",
        ),
    },
    DemoAmendment {
        author: "yanis",
        editorial: false,
        start: 154,
        count: 1,
        new_lines: &[
            "Les administrations, les collectivités territoriales et les établissements publics utiliseront en priorité des logiciels libres. Tout logiciel développé avec de l'argent public sera publié sous licence libre.",
        ],
        summary: "Étendre la priorité au logiciel libre aux collectivités",
        rationale: "Une grande partie des services numériques du quotidien, de l'état civil à la cantine, est gérée par les communes, les départements et les régions. Limiter l'obligation à l'État laisserait de côté les collectivités, alors que beaucoup d'entre elles ont déjà montré la voie. L'agence de mutualisation prévue juste après les vise d'ailleurs explicitement.",
        fate: Fate::Accepted,
    },
    DemoAmendment {
        author: "camille",
        editorial: false,
        start: 164,
        count: 0,
        new_lines: &["- Interdire la publicité ciblée fondée sur le profilage des données personnelles."],
        summary: "Interdire la publicité ciblée fondée sur le profilage",
        rationale: "Le modèle économique des grandes plateformes repose sur la collecte massive de nos données pour vendre de la publicité ciblée. C'est ce modèle qui pousse à la surveillance permanente et à l'économie de l'attention. Une proposition sur les libertés en ligne qui n'en dit rien manque l'essentiel.",
        fate: Fate::Merged,
    },
    DemoAmendment {
        author: "camille",
        editorial: false,
        start: 180,
        count: 1,
        new_lines: &[
            "Nous proposerons de sortir les investissements nécessaires à la transition écologique du calcul des déficits publics, et nous construirons avec les gouvernements qui partagent cet objectif une coalition pour obtenir cette réforme.",
        ],
        summary: "Remplacer la désobéissance unilatérale par une coalition d'États",
        rationale: "Annoncer d'emblée que la France refusera d'appliquer les règles européennes nous isole avant même d'avoir négocié. Plusieurs gouvernements réclament eux aussi une réforme des règles budgétaires pour financer la transition. Construire une coalition avec eux est plus efficace, et plus conforme à notre principe de coopération.",
        fate: Fate::AcceptedAsModified(&[
            "Nous proposerons de sortir les investissements nécessaires à la transition écologique du calcul des déficits publics, et construirons pour cela une coalition avec les États membres qui partagent cet objectif. Si ces règles devaient bloquer des investissements vitaux pour le climat, la France assumerait de ne pas les appliquer.",
        ]),
    },
    DemoAmendment {
        author: "yanis",
        editorial: false,
        start: 201,
        count: 1,
        new_lines: &[
            "Les aides publiques aux entreprises dépassent 150 milliards d'euros par an, sans évaluation sérieuse. Nous les conditionnerons à des critères sociaux et écologiques et supprimerons celles dont l'efficacité n'est pas démontrée, pour une économie de 40 milliards d'euros.",
        ],
        summary: "Porter à 40 milliards l'économie sur les aides aux entreprises",
        rationale: "Les exonérations de cotisations sur les salaires au-dessus de deux SMIC n'ont jamais fait la preuve de leur effet sur l'emploi. Les supprimer rapporterait à elles seules une quinzaine de milliards. Notre chiffrage de 25 milliards est donc trop prudent.",
        fate: Fate::Withdrawn,
    },
    DemoAmendment {
        author: "yanis",
        editorial: true,
        start: 21,
        count: 1,
        new_lines: &["Aucun habitant ne doit vivre à plus de trente minutes d’un service de soins d’urgence."],
        summary: "Apostrophes typographiques",
        rationale: "Correction typographique : l’apostrophe droite devient l’apostrophe française.",
        fate: Fate::Open,
    },
    DemoAmendment {
        author: "camille",
        editorial: true,
        start: 24,
        count: 1,
        new_lines: &[
            "- Former 15 000 médecins par an d’ici 2030, en donnant aux facultés les moyens d’accueillir davantage d’étudiants.",
        ],
        summary: "Ponctuation et apostrophes",
        rationale: "Une virgule manquait avant le complément, et les apostrophes sont typographiques.",
        fate: Fate::Accepted,
    },
];
