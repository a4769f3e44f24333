#include "bench/corpus/vocabulary.h"

#include <array>

// Word lists only. Sentences are put together in prose.cpp; French entries carry
// their own agreement (singular/plural verbs, participles agreeing with their
// noun) so that generated French reads as French. French typography: « » with
// no-break spaces, a narrow no-break space before ; and : is U+202F/U+00A0.

namespace tandem::bench::detail {
namespace {

using sv = std::string_view;

// ---------------------------------------------------------------- English

constexpr std::array<Subject, 32> k_en_subjects{{
    {"the {abbr:CCR|Canadian Council for Refugees}", false},
    {"the {no:Canadian Council for Refugees}", false},
    {"trafficked persons", true},
    {"many trafficked non-citizens", true},
    {"service providers", true},
    {"community organizations", true},
    {"front-line workers", true},
    {"the federal government", false},
    {"{no:Immigration, Refugees and Citizenship Canada}", false},
    {"{abbr:NGOs|non-governmental organizations} across Canada", true},
    {"the pan-Canadian anti-trafficking network", false},
    {"the Anti-Trafficking Committee", false},
    {"provincial governments", true},
    {"law enforcement agencies", true},
    {"migrant workers", true},
    {"survivors of trafficking", true},
    {"the current legislation", false},
    {"this proposal", false},
    {"the report", false},
    {"settlement agencies", true},
    {"women’s shelters", true},
    {"advocates", true},
    {"the Minister", false},
    {"immigration officers", true},
    {"some employers", true},
    {"unscrupulous recruiters", true},
    {"the {abbr:CBSA|Canada Border Services Agency}", false},
    {"legal clinics", true},
    {"the Government of Québec", false},
    {"health & social services", true},
    {"faith communities", true},
    {"researchers", true},
}};

constexpr std::array<Verb, 22> k_en_verbs{{
    {"provides", "provide", "provide"},
    {"needs", "need", "need"},
    {"supports", "support", "support"},
    {"documents", "document", "document"},
    {"relies on", "rely on", "rely on"},
    {"lacks", "lack", "lack"},
    {"offers", "offer", "offer"},
    {"requires", "require", "require"},
    {"calls for", "call for", "call for"},
    {"recommends", "recommend", "recommend"},
    {"monitors", "monitor", "monitor"},
    {"improves", "improve", "improve"},
    {"limits", "limit", "limit"},
    {"protects", "protect", "protect"},
    {"has identified", "have identified", "identify"},
    {"continues to seek", "continue to seek", "continue to seek"},
    {"depends on", "depend on", "depend on"},
    {"promotes", "promote", "promote"},
    {"guarantees", "guarantee", "guarantee"},
    {"has asked for", "have asked for", "ask for"},
    {"struggles to obtain", "struggle to obtain", "obtain"},
    {"welcomes", "welcome", "welcome"},
}};

constexpr std::array<Modal, 6> k_en_modals{{
    {"must", "must"},
    {"should", "should"},
    {"cannot", "cannot"},
    {"will", "will"},
    {"may need to", "may need to"},
    {"should be able to", "should be able to"},
}};

constexpr std::array<sv, 36> k_en_objects{
    "access to protection",
    "permanent residence",
    "supportive services",
    "a temporary resident permit",
    "legal information in their own language",
    "safe and affordable housing",
    "health care, including mental health care",
    "open work permits",
    "a reflection period of at least 180 days",
    "information-exchange across the country",
    "tools for outreach and awareness-raising",
    "clear guidelines for immigration officers",
    "referrals to community services",
    "professional interpretation",
    "a gender and race analysis",
    "the human rights of trafficked persons",
    "the economic rights of trafficked persons",
    "long-term funding for front-line organizations",
    "protection from removal",
    "the {abbr:IRPA|Immigration and Refugee Protection Act}",
    "a {abbr:TRP|temporary resident permit} that can be renewed",
    "training for police and border officers",
    "a non-punitive approach",
    "fair wages and safe working conditions",
    "family reunification",
    "emergency shelter",
    "the right to work while a claim is pending",
    "better data on labour trafficking",
    "confidential advice",
    "a clear path to permanent status",
    "public awareness of the reality of trafficking",
    "dialogue with government",
    "accessible resources in both official languages",
    "the recommendations of the report",
    "coordinated responses at the local level",
    "culturally appropriate services",
};

constexpr std::array<sv, 22> k_en_complements{
    "",
    "",
    " for trafficked persons",
    " in Canada",
    " across the country",
    " without delay",
    " under the {no:Immigration and Refugee Protection Act}",
    " in every province and territory",
    " regardless of their immigration status",
    " before any decision is made",
    " in both official languages",
    " in rural and remote areas",
    " during the first weeks after they leave the situation",
    " for people who fear reprisals",
    " in Montréal, Toronto and Vancouver",
    " whether or not they testify against their traffickers",
    " at every stage of the process",
    " through effective policies and practices",
    " as soon as possible",
    " for workers with employer-specific permits",
    " with the help of trusted community organizations",
    " in Québec and elsewhere",
};

constexpr std::array<sv, 20> k_en_intros{
    "However", "In practice", "In many cases", "Since 2006", "According to the report",
    "As a result", "For this reason", "Too often", "In 2019", "Moreover",
    "At the same time", "In Québec", "Under the current rules", "In our experience", "Today",
    "Above all", "Unfortunately", "In the meantime", "For many survivors", "Across Canada",
};

constexpr std::array<sv, 10> k_en_reporting{
    "Experience has shown that",
    "The report notes that",
    "Many organizations report that",
    "It is clear that",
    "The {abbr:CCR|Canadian Council for Refugees} believes that",
    "Front-line workers tell us that",
    "Research suggests that",
    "We know that",
    "Recent cases show that",
    "Survivors have told us that",
};

constexpr std::array<sv, 10> k_en_tails{
    "a gap that leaves many people without protection",
    "often for months at a time",
    "especially in rural areas",
    "and the consequences can be severe",
    "which is why the campaign matters",
    "not only in large cities",
    "even when the risks are well known",
    "a situation that must change",
    "at a time when needs are growing",
    "with little or no support",
};

constexpr std::array<Counted, 8> k_en_counted{{
    {"temporary resident permits", "issued"},
    {"trafficked persons", "identified"},
    {"calls to the hotline", "received"},
    {"referrals", "made"},
    {"workshops", "held"},
    {"complaints", "filed"},
    {"organizations", "consulted"},
    {"permits", "renewed"},
}};

constexpr std::array<sv, 18> k_en_stock{
    "Temporary resident permits ({abbr:TRPs|temporary resident permits}) remain the main avenue to "
    "protection under Canada’s immigration legislation for trafficked non-citizens.",
    "However, experience has shown that, even with the {abbr:TRPs|temporary resident permits}, there "
    "are continuing gaps in access to protection and rights for trafficked persons.",
    "Measures must not penalize trafficked persons.",
    "Measures must be guided by and be respectful of the human rights of trafficked persons.",
    "There is a need for supportive services for trafficked persons.",
    "A gender and race analysis should be brought to any consideration of trafficking issues.",
    "Discussions about trafficked persons should include trafficked persons themselves.",
    "The {abbr:CCR|Canadian Council for Refugees} supports NGOs across Canada in their work on trafficking.",
    "This database contains tools for raising awareness about trafficking and providing services to "
    "trafficked persons.",
    "Resources included are both Canadian and international.",
    "Call on Parliamentarians to turn this proposal into law.",
    "This resource is also available in French.",
    "All our publications are free of charge; donations are welcome.",
    "Trafficking in persons is a crime & a serious violation of human rights.",
    "Children < 18 years old must always be referred to child protection services.",
    "Permanent and fundamental change in policy is needed so that trafficked persons in Canada are "
    "protected and their human rights respected.",
    "This pamphlet is also available in French as {fr:« Protéger les personnes victimes de la traite au "
    "Canada »}.",
    "Trafficked persons continue to fall through the cracks — and the CCR wants that to end.",
};

constexpr std::array<sv, 32> k_en_headings{
    "Goals of the campaign", "Guiding principles", "Background", "Recommendations",
    "Access to services", "Temporary resident permits", "What the law says",
    "Frequently asked questions", "How you can help", "Take action",
    "Resources for service providers", "Protection for trafficked persons", "Labour trafficking",
    "Immigration status", "Legislative amendment", "Awareness-raising",
    "Working with interpreters", "Housing and shelter", "Health care", "Legal information",
    "Outreach in rural areas", "International obligations", "Summary of findings", "Methodology",
    "Acknowledgements", "Contact us", "Order resources", "Questions & answers",
    "The {abbr:TRP|temporary resident permit} process", "Who we are", "Next steps", "Key facts",
};

constexpr std::array<sv, 13> k_en_title_heads{
    "Temporary Resident Permits", "Protecting Trafficked Persons in Canada", "Labour Trafficking",
    "Trafficking in Persons", "Proposal for Legislative Amendment", "Frequently Asked Questions",
    "Take Action", "Access to Services", "Migrant Workers & Trafficking",
    "A Guide for Service Providers", "Know Your Rights", "Building Safer Communities",
    "Gaps in Protection",
};

constexpr std::array<sv, 12> k_en_title_tails{
    "Limits to Protection for Trafficked Persons", "What Every Front-Line Worker Should Know",
    "A Pan-Canadian Perspective", "Report of the Anti-Trafficking Committee",
    "Lessons from Québec and Ontario", "Recommendations to the Federal Government",
    "An Overview of the Law", "Ten Years Later", "A Toolkit for Community Organizations",
    "Voices of Survivors", "Questions and Answers", "Order Form",
};

constexpr std::array<Labelled, 8> k_en_principles{{
    {"Non-punitive", "Measures must not penalize trafficked persons"},
    {"Human rights", "Measures must be guided by and be respectful of the human rights of trafficked persons"},
    {"Economic rights",
     "Measures must be guided by and be respectful of the economic rights of trafficked persons"},
    {"Supportive services", "There is a need for supportive services for trafficked persons"},
    {"Gender and race analysis",
     "A gender and race analysis should be brought to any consideration of trafficking issues"},
    {"Inclusive of trafficked persons",
     "Discussions about trafficked persons should include trafficked persons themselves"},
    {"Information-exchange", "Creating opportunities for information-exchange across the country"},
    {"Tools", "Developing tools needed by organizations"},
}};

constexpr std::array<sv, 14> k_en_items{
    "Safe housing",
    "Health care, including mental health care",
    "Legal information and advice",
    "Interpretation in the person’s own language",
    "An open work permit",
    "Referral to a settlement agency",
    "Emergency financial assistance",
    "Protection from removal",
    "Access to a lawyer",
    "Childcare during appointments",
    "Pamphlets in 12 languages",
    "Posters (11 × 17 in.)",
    "Training sessions for front-line workers",
    "A directory of local services",
};

constexpr std::array<sv, 7> k_en_link_leads{"Read", "Learn more about", "Download", "See",
                                            "Explore", "Order", "Share"};

constexpr std::array<sv, 10> k_en_link_texts{
    "the full report", "the CCR pan-Canadian anti-trafficking network",
    "the database of trafficking resources", "the proposal for legislative amendment",
    "our frequently asked questions", "the order form", "the take action sheet",
    "the guide for service providers", "the pamphlet", "the latest news",
};

constexpr std::array<sv, 5> k_en_notes{
    "This resource is also available in French.",
    "Prices include shipping within Canada.",
    "The information in this document is not legal advice.",
    "Names have been changed to protect the people who shared their stories.",
    "Updated figures will be published on our website.",
};

constexpr std::array<sv, 6> k_loc_notes{
    "Keep the name of the Act as in the official translation.",
    "Do not translate the names of organizations.",
    "Use the official French term: permis de séjour temporaire (PST).",
    "Keep it short: this text is printed on a poster.",
    "This heading appears in the site menu.",
    "The figures come from the 2019 report; do not round them.",
};

constexpr std::array<sv, 30> k_en_edit_words{
    "often", "sometimes", "rarely", "urgent", "new", "local", "federal", "provincial",
    "temporary", "permanent", "effective", "clear", "fair", "timely", "vulnerable",
    "several", "many", "few", "support", "protection", "services", "workers", "families",
    "organizations", "rights", "permits", "reports", "cases", "communities", "measures",
};

// ----------------------------------------------------------------- French

constexpr std::array<Subject, 32> k_fr_subjects{{
    {"le {abbr:CCR|Conseil canadien pour les réfugiés}", false},
    {"le {no:Conseil canadien pour les réfugiés}", false},
    {"les personnes victimes de la traite", true},
    {"de nombreuses personnes sans statut", true},
    {"les fournisseurs de services", true},
    {"les organismes communautaires", true},
    {"les intervenantes de première ligne", true},
    {"le gouvernement fédéral", false},
    {"{no:Immigration, Réfugiés et Citoyenneté Canada}", false},
    {"les {abbr:ONG|organisations non gouvernementales} de partout au Canada", true},
    {"le réseau pancanadien contre la traite", false},
    {"le Comité sur la traite des personnes", false},
    {"les gouvernements provinciaux", true},
    {"les corps policiers", true},
    {"les travailleuses et travailleurs migrants", true},
    {"les survivantes et survivants de la traite", true},
    {"la loi actuelle", false},
    {"cette proposition", false},
    {"le rapport", false},
    {"les organismes d’établissement", true},
    {"les maisons d’hébergement pour femmes", true},
    {"les militantes et militants", true},
    {"la ministre", false},
    {"les agents d’immigration", true},
    {"certains employeurs", true},
    {"des recruteurs sans scrupules", true},
    {"l’{abbr:ASFC|Agence des services frontaliers du Canada}", false},
    {"les cliniques juridiques", true},
    {"le gouvernement du Québec", false},
    {"le réseau Femmes & Migration", false},
    {"les communautés de foi", true},
    {"les chercheuses et chercheurs", true},
}};

constexpr std::array<Verb, 20> k_fr_verbs{{
    {"offre", "offrent", "offrir"},
    {"soutient", "soutiennent", "soutenir"},
    {"documente", "documentent", "documenter"},
    {"exige", "exigent", "exiger"},
    {"réclame", "réclament", "réclamer"},
    {"recommande", "recommandent", "recommander"},
    {"surveille", "surveillent", "surveiller"},
    {"améliore", "améliorent", "améliorer"},
    {"limite", "limitent", "limiter"},
    {"protège", "protègent", "protéger"},
    {"a relevé", "ont relevé", "relever"},
    {"continue de chercher", "continuent de chercher", "continuer de chercher"},
    {"favorise", "favorisent", "favoriser"},
    {"garantit", "garantissent", "garantir"},
    {"a demandé", "ont demandé", "demander"},
    {"peine à obtenir", "peinent à obtenir", "obtenir"},
    {"accueille", "accueillent", "accueillir"},
    {"facilite", "facilitent", "faciliter"},
    {"défend", "défendent", "défendre"},
    {"reconnaît", "reconnaissent", "reconnaître"},
}};

constexpr std::array<Modal, 6> k_fr_modals{{
    {"doit", "doivent"},
    {"devrait", "devraient"},
    {"ne peut pas", "ne peuvent pas"},
    {"pourra", "pourront"},
    {"devra peut-être", "devront peut-être"},
    {"devrait pouvoir", "devraient pouvoir"},
}};

constexpr std::array<sv, 36> k_fr_objects{
    "l’accès à la protection",
    "la résidence permanente",
    "des services de soutien",
    "un permis de séjour temporaire",
    "de l’information juridique dans leur langue",
    "un logement sûr et abordable",
    "des soins de santé, y compris en santé mentale",
    "des permis de travail ouverts",
    "une période de réflexion d’au moins 180 jours",
    "l’échange d’information partout au pays",
    "des outils de sensibilisation",
    "des lignes directrices claires pour les agents",
    "l’aiguillage vers les services communautaires",
    "des services d’interprétation professionnels",
    "une analyse fondée sur le genre et la race",
    "les droits humains des personnes victimes de la traite",
    "les droits économiques des personnes victimes de la traite",
    "un financement stable pour les organismes de première ligne",
    "la protection contre le renvoi",
    "la {abbr:LIPR|Loi sur l’immigration et la protection des réfugiés}",
    "un {abbr:PST|permis de séjour temporaire} renouvelable",
    "la formation des policiers et des agents frontaliers",
    "une approche non punitive",
    "des salaires justes et des conditions de travail sécuritaires",
    "la réunification familiale",
    "un hébergement d’urgence",
    "le droit de travailler pendant l’examen de la demande",
    "de meilleures données sur la traite à des fins de travail forcé",
    "des conseils confidentiels",
    "une voie claire vers la résidence permanente",
    "la sensibilisation du public à la réalité de la traite",
    "le dialogue avec le gouvernement",
    "des ressources accessibles dans les deux langues officielles",
    "les recommandations du rapport",
    "des interventions concertées à l’échelle locale",
    "des services adaptés à la culture",
};

constexpr std::array<sv, 22> k_fr_complements{
    "",
    "",
    " pour les personnes victimes de la traite",
    " au Canada",
    " partout au pays",
    " sans délai",
    " en vertu de la {no:Loi sur l’immigration et la protection des réfugiés}",
    " dans chaque province et territoire",
    " quel que soit leur statut d’immigration",
    " avant toute décision",
    " dans les deux langues officielles",
    " en région rurale et éloignée",
    " dans les premières semaines après leur sortie de la situation",
    " pour les personnes qui craignent des représailles",
    " à Montréal, Toronto et Vancouver",
    " qu’elles témoignent ou non contre leurs trafiquants",
    " à chaque étape du processus",
    " grâce à des politiques et des pratiques efficaces",
    " dès que possible",
    " pour les travailleurs titulaires d’un permis lié à un employeur",
    " avec l’aide d’organismes communautaires de confiance",
    " au Québec comme ailleurs",
};

constexpr std::array<sv, 20> k_fr_intros{
    "Cependant", "En pratique", "Dans bien des cas", "Depuis 2006", "Selon le rapport",
    "Par conséquent", "Pour cette raison", "Trop souvent", "En 2019", "De plus",
    "En même temps", "Au Québec", "En vertu des règles actuelles", "D’après notre expérience",
    "Aujourd’hui", "Avant tout", "Malheureusement", "Entre-temps", "Pour bien des survivantes",
    "Partout au Canada",
};

constexpr std::array<sv, 10> k_fr_reporting{
    "L’expérience a démontré que",
    "Le rapport souligne que",
    "Plusieurs organismes signalent que",
    "Il est clair que",
    "Le {abbr:CCR|Conseil canadien pour les réfugiés} estime que",
    "Les intervenantes nous disent que",
    "La recherche indique que",
    "Nous savons que",
    "Des cas récents montrent que",
    "Des survivantes nous ont dit que",
};

constexpr std::array<sv, 10> k_fr_tails{
    "un écart qui laisse bien des personnes sans protection",
    "souvent pendant des mois",
    "surtout en région",
    "et les conséquences peuvent être graves",
    "ce qui explique l’importance de la campagne",
    "pas seulement dans les grandes villes",
    "même lorsque les risques sont bien connus",
    "une situation qui doit changer",
    "alors que les besoins augmentent",
    "avec peu ou pas de soutien",
};

constexpr std::array<Counted, 8> k_fr_counted{{
    {"permis de séjour temporaire", "délivrés"},
    {"personnes victimes de la traite", "identifiées"},
    {"appels à la ligne d’urgence", "reçus"},
    {"aiguillages", "effectués"},
    {"ateliers", "organisés"},
    {"plaintes", "déposées"},
    {"organismes", "consultés"},
    {"permis", "renouvelés"},
}};

constexpr std::array<sv, 18> k_fr_stock{
    "Les permis de séjour temporaire ({abbr:PST|permis de séjour temporaire}) demeurent la principale "
    "voie de protection offerte par la législation canadienne sur l’immigration aux personnes victimes "
    "de la traite.",
    "Cependant, l’expérience a démontré que, même avec les {abbr:PST|permis de séjour temporaire}, des "
    "lacunes persistent dans l’accès à la protection et aux droits.",
    "Les mesures ne doivent pas pénaliser les personnes victimes de la traite.",
    "Les mesures doivent respecter les droits humains des personnes victimes de la traite.",
    "Il faut des services de soutien pour les personnes victimes de la traite.",
    "Toute réflexion sur la traite doit s’appuyer sur une analyse fondée sur le genre et la race.",
    "Les discussions sur les personnes victimes de la traite doivent inclure ces personnes elles-mêmes.",
    "Le {abbr:CCR|Conseil canadien pour les réfugiés} soutient les ONG de partout au Canada dans leur "
    "travail contre la traite.",
    "Cette base de données contient des outils de sensibilisation et de services aux personnes victimes "
    "de la traite.",
    "Les ressources incluses sont canadiennes et internationales.",
    "Demandez aux parlementaires de faire de cette proposition une loi.",
    "Cette ressource est aussi disponible en anglais.",
    "Toutes nos publications sont gratuites\u202F; les dons sont les bienvenus.",
    "La traite des personnes est un crime & une grave violation des droits humains.",
    "Les enfants de < 18 ans doivent toujours être dirigés vers la protection de la jeunesse.",
    "Un changement de politique permanent et fondamental est nécessaire pour que les personnes victimes "
    "de la traite soient protégées et que leurs droits soient respectés.",
    "Ce dépliant existe aussi en anglais sous le titre {en:“Protecting Trafficked Persons in Canada”}.",
    "Les personnes victimes de la traite continuent de passer entre les mailles du filet — et le CCR "
    "veut que cela cesse.",
};

constexpr std::array<sv, 32> k_fr_headings{
    "Objectifs de la campagne", "Principes directeurs", "Contexte", "Recommandations",
    "Accès aux services", "Permis de séjour temporaire", "Ce que dit la loi", "Foire aux questions",
    "Comment vous pouvez aider", "Passez à l’action", "Ressources pour les fournisseurs de services",
    "Protection des personnes victimes de la traite", "La traite à des fins de travail forcé",
    "Statut d’immigration", "Modification législative", "Sensibilisation",
    "Travailler avec des interprètes", "Logement et hébergement", "Soins de santé",
    "Information juridique", "Intervention en région", "Obligations internationales",
    "Résumé des constats", "Méthodologie", "Remerciements", "Nous joindre",
    "Commander des ressources", "Questions & réponses",
    "Le processus de {abbr:PST|permis de séjour temporaire}", "Qui nous sommes",
    "Prochaines étapes", "Faits saillants",
};

constexpr std::array<sv, 13> k_fr_title_heads{
    "Permis de séjour temporaire", "Protéger les personnes victimes de la traite au Canada",
    "La traite à des fins de travail forcé", "La traite des personnes",
    "Proposition de modification législative", "Foire aux questions", "Passez à l’action",
    "Accès aux services", "Travailleurs migrants & traite", "Guide pour les fournisseurs de services",
    "Connaître ses droits", "Des communautés plus sûres", "Les lacunes de la protection",
};

constexpr std::array<sv, 12> k_fr_title_tails{
    "Les limites de la protection des personnes victimes de la traite",
    "Ce que toute intervenante devrait savoir", "Une perspective pancanadienne",
    "Rapport du Comité sur la traite", "Leçons du Québec et de l’Ontario",
    "Recommandations au gouvernement fédéral", "Un survol de la loi", "Dix ans plus tard",
    "Trousse pour les organismes communautaires", "La parole aux survivantes",
    "Questions et réponses", "Bon de commande",
};

constexpr std::array<Labelled, 8> k_fr_principles{{
    {"Approche non punitive", "Les mesures ne doivent pas pénaliser les personnes victimes de la traite"},
    {"Droits humains",
     "Les mesures doivent être guidées par les droits humains des personnes victimes de la traite et les "
     "respecter"},
    {"Droits économiques",
     "Les mesures doivent être guidées par les droits économiques des personnes victimes de la traite et "
     "les respecter"},
    {"Services de soutien", "Il faut des services de soutien pour les personnes victimes de la traite"},
    {"Analyse fondée sur le genre et la race",
     "Toute réflexion sur la traite doit intégrer une analyse fondée sur le genre et la race"},
    {"Inclusion",
     "Les discussions sur les personnes victimes de la traite doivent inclure ces personnes elles-mêmes"},
    {"Échange d’information", "Créer des occasions d’échange d’information partout au pays"},
    {"Outils", "Élaborer les outils dont les organismes ont besoin"},
}};

constexpr std::array<sv, 14> k_fr_items{
    "Un logement sûr",
    "Des soins de santé, y compris en santé mentale",
    "De l’information et des conseils juridiques",
    "L’interprétation dans la langue de la personne",
    "Un permis de travail ouvert",
    "L’aiguillage vers un organisme d’établissement",
    "Une aide financière d’urgence",
    "La protection contre le renvoi",
    "L’accès à une avocate ou à un avocat",
    "La garde d’enfants pendant les rendez-vous",
    "Des dépliants en 12 langues",
    "Des affiches (28 × 43 cm)",
    "Des formations pour les intervenantes de première ligne",
    "Un répertoire des services locaux",
};

constexpr std::array<sv, 7> k_fr_link_leads{"Lisez", "Découvrez", "Téléchargez", "Consultez",
                                            "Explorez", "Commandez", "Partagez"};

constexpr std::array<sv, 10> k_fr_link_texts{
    "le rapport complet", "le réseau pancanadien contre la traite du CCR",
    "la base de données sur la traite", "la proposition de modification législative",
    "notre foire aux questions", "le bon de commande", "la fiche d’action",
    "le guide pour les fournisseurs de services", "le dépliant", "les dernières nouvelles",
};

constexpr std::array<sv, 5> k_fr_notes{
    "Cette ressource est aussi disponible en anglais.",
    "Les prix comprennent la livraison au Canada.",
    "Les renseignements fournis ici ne constituent pas un avis juridique.",
    "Les noms ont été changés pour protéger les personnes qui ont partagé leur histoire.",
    "Les chiffres à jour seront publiés sur notre site.",
};

constexpr std::array<sv, 29> k_fr_edit_words{
    "souvent", "parfois", "rarement", "urgent", "nouveau", "local", "fédéral", "provincial",
    "temporaire", "permanent", "efficace", "clair", "juste", "rapide", "vulnérable", "plusieurs",
    "nombreux", "soutien", "protection", "services", "travailleurs", "familles", "organismes",
    "droits", "permis", "rapports", "dossiers", "communautés", "mesures",
};

constexpr std::array<sv, 4> k_en_address{
    "{no:Canadian Council for Refugees}", "6839 Drolet #301", "Montréal, Québec  H2S 2T1",
    "Tel. 514-277-7223",
};

constexpr std::array<sv, 4> k_fr_address{
    "{no:Conseil canadien pour les réfugiés}", "6839, rue Drolet, bureau 301",
    "Montréal (Québec)  H2S 2T1", "Tél. 514-277-7223",
};

// ------------------------------------------------------- both languages

constexpr std::array<sv, 16> k_topics{
    "temporary-resident-permits", "labour-trafficking", "sexual-exploitation", "legislation",
    "services", "awareness", "youth", "migrant-workers", "gender", "housing", "health",
    "legal-information", "protection", "immigration-status", "outreach", "international-law",
};

constexpr std::array<sv, 7> k_audiences{
    "ngos", "service-providers", "general-public", "government", "legal-professionals", "youth", "media",
};

constexpr std::array<sv, 9> k_web_links{
    "https://ccrweb.ca/en/trafficking",
    "https://ccrweb.ca/fr/traite",
    "https://ccrweb.ca/en/trafficking/database",
    "https://ccrweb.ca/en/search?topic=trafficking&lang=en",
    "https://www.canada.ca/en/immigration-refugees-citizenship.html",
    "https://laws-lois.justice.gc.ca/eng/acts/i-2.5/",
    "https://www.ohchr.org/en/trafficking-in-persons",
    "mailto:info@ccrweb.ca",
    "http://www.example.org/resources?id=42&format=pdf",
};

const Vocabulary k_english{
    k_en_subjects, k_en_verbs, k_en_modals, k_en_objects, k_en_complements, k_en_intros,
    k_en_reporting, k_en_tails, k_en_counted, k_en_stock, k_en_headings, k_en_title_heads,
    k_en_title_tails, k_en_principles, k_en_items, k_en_link_leads, k_en_link_texts, k_en_notes,
    k_loc_notes, k_en_edit_words, k_en_address,
    "In", "were", ", and ", "", "“", "”", ": ", ',',
};

const Vocabulary k_french{
    k_fr_subjects, k_fr_verbs, k_fr_modals, k_fr_objects, k_fr_complements, k_fr_intros,
    k_fr_reporting, k_fr_tails, k_fr_counted, k_fr_stock, k_fr_headings, k_fr_title_heads,
    k_fr_title_tails, k_fr_principles, k_fr_items, k_fr_link_leads, k_fr_link_texts, k_fr_notes,
    k_loc_notes, k_fr_edit_words, k_fr_address,
    "En", "ont été", ", et ", "qu’", "«\u00A0", "\u00A0»", "\u00A0: ", 'n',
};

}  // namespace

const Vocabulary& vocabulary(Lang lang) { return lang == Lang::fr ? k_french : k_english; }

std::span<const std::string_view> topics() { return k_topics; }
std::span<const std::string_view> audiences() { return k_audiences; }
std::span<const std::string_view> web_links() { return k_web_links; }

}  // namespace tandem::bench::detail
