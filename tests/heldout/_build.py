"""Builds the held-out texts and gold files from inline markup.

Markup: {{text|value|qualifier|hop1;hop2|optional note}} (empty chain = []).
Offsets are computed here, never by hand.  Run: python3 _build.py
"""
import json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
MARK = re.compile(r"\{\{(.*?)\}\}")

ARTICLES = []

def article(fname, publisher, published, body, entities):
    ARTICLES.append(dict(fname=fname, publisher=publisher, published=published,
                         body=body.strip("\n") + "\n", entities=entities))

# ---------------------------------------------------------------- h01 tabloid
article("h01_tabloid_sea_drones.txt", "Daily Express", "2025-02-11", """
Putin’s fleet SHAMED as Ukraine’s sea drones sink {{THREE|3|exact||headline: no source}} Russian warships in one night
Kyiv’s military intelligence says up to {{200|200|at_most|ua-gur|'military intelligence' = GUR}} sailors may have died in the audacious raid off Crimea
By Sarah Whitcombe, Foreign News Reporter
11 February 2025, 07:42
VLADIMIR Putin’s battered Black Sea Fleet has been dealt another humiliating blow after a swarm of Ukrainian sea drones sank {{THREE|3|exact|ukraine|'Kyiv claims': capital as metonym for Ukraine}} of its warships in a single night, Kyiv claims.
The Ukrainian Navy said the explosive-packed boats struck a Project 22160 patrol ship and {{two|2|exact|new:Ukrainian Navy}} Serna-class landing craft near Sevastopol shortly after 2am on Sunday.
Kyiv’s military intelligence agency, the GUR, later claimed that as many as {{200|200|at_most|ua-gur}} crew were on board the stricken vessels and that “very few made it to shore”.
It comes as Britain’s Ministry of Defence revealed that Russia has lost more than {{30|30|more_than|uk-mod}} vessels from the fleet since February 2022, forcing Moscow to pull most of its surviving ships back to Novorossiysk.
“The Black Sea is no longer a Russian lake,” navy spokesman Captain Oleh Marchenko said. “Every one of their ships is a target now. We sent in {{16|16|exact|new:Oleh Marchenko|quotation continues over sentences and keeps its speaker}} boats and lost only {{four|4|exact|new:Oleh Marchenko}}. The first hit came at 2.10am and the last barely eleven minutes later.”
Moscow has not admitted any losses. The Kremlin’s mouthpiece TASS insisted that {{14|14|exact|tass|TASS is the speaker; the Kremlin is only a description}} Ukrainian drone boats had been “destroyed on approach” by coastal batteries.
Defence Secretary John Healey, 64, told the Daily Express: “This is what Ukraine can do when it has the right kit. Britain has committed {{£3billion|3000000000|exact|john-healey|'told the Daily Express' is the article's own outlet, not a hop}} in military aid this year and we will not let up.”
According to estimates compiled by the Ukrainian Navy, some {{1,100|1100|approximate|new:Ukrainian Navy}} Russian sailors have now been killed aboard Black Sea Fleet ships since the full-scale invasion began.
Earlier this month a 19-year-old conscript from Tver told independent Russian media that his unit had gone three weeks without hot food.
""", [
    ("Putin", "Person"), ("Ukraine", "Region"), ("Kyiv", "Region"), ("Crimea", "Region"),
    ("Sarah Whitcombe", "Person"), ("Black Sea Fleet", "MilitaryUnit"),
    ("Ukrainian Navy", "Organisation"), ("Sevastopol", "Region"), ("GUR", "Organisation"),
    ("Britain", "Region"), ("Ministry of Defence", "Organisation"), ("Russia", "Region"),
    ("Moscow", "Region"), ("Novorossiysk", "Region"), ("Black Sea", "Region"),
    ("Oleh Marchenko", "Person"), ("Kremlin", "Organisation"), ("TASS", "Organisation"),
    ("John Healey", "Person"), ("Daily Express", "Organisation"), ("Tver", "Region"),
])

# ------------------------------------------------------------ h02 broadsheet
article("h02_broadsheet_recruitment_costs.txt", "The Times", "2024-12-07", """
Analysis: How long can the Kremlin afford to buy its army?
Soaring bonuses are filling the ranks for now, but the bill is becoming unpayable
Catherine Ashdown, Defence Correspondent
Saturday December 7 2024, 5.00pm
For most of the past two years the Kremlin has relied on a simple formula to replenish an army that, by the reckoning of Britain’s Defence Intelligence, was losing between {{1,200 and 1,500|1200|range|uk-defence-intelligence|range: value is the lower bound}} men a day to death and injury this autumn: offer volunteers more than they could earn at home, and pay their families generously if they do not come back.
The sums have grown steadily. Research by Mediazona, the independent Russian outlet, shows that regional sign-up payments rose from {{195,000 roubles|195000|exact|mediazona|currency word kept in the text like a currency symbol}} in January to more than {{1.9 million roubles|1900000|more_than|mediazona}} in parts of the Volga region by November, while Andrei Lavrentyev, a Russian economist now working in Berlin, estimates that the combined cost of bonuses and death benefits could run to as much as {{$30 billion|30000000000|at_most|new:Andrei Lavrentyev|'as much as' = at_most}} next year.
On recruitment, Western and Russian assessments converge. Mark Rutte, the Nato secretary-general, told reporters in Brussels on Thursday that Moscow was recruiting about {{30,000|30000|approximate|mark-rutte|same figure given by a second source in this sentence}} soldiers a month, roughly enough to cover its losses; the Institute for the Study of War has put the monthly intake at the same {{30,000|30000|exact|isw;new:Dmitry Medvedev}}, citing remarks by Dmitry Medvedev, the deputy chairman of Russia’s Security Council, and the think tank has also estimated that at least {{427,000|427000|at_least|isw|'the think tank' back-reference; Medvedev is not restated}} men signed contracts in the first eleven months of the year.
Sustaining that pace is another matter. Interest rates stand at {{21 per cent|21|exact||unattributed; 'per cent' kept like '%'}}, the highest in more than two decades, after the Central Bank of Russia’s latest rise in October. Spending on defence and security is on course to absorb some {{8 per cent|8|approximate|new:Stockholm International Peace Research Institute}} of GDP next year, according to calculations by the Stockholm International Peace Research Institute, a level that a senior British official said “cannot go on for ever without something giving”.
Nor is the money always working. The Moscow Times, citing the investigative outlet Verstka, reported last month that recruitment in at least {{two dozen|24|at_least|moscow-times;new:Verstka}} regions had fallen short of quotas set by the Defence Ministry, while Kirill Sokolov, a former officer in the 20th Guards Army who now advises a State Duma committee, said that in his own region only {{nine hundred|900|exact|new:Kirill Sokolov|'only' is not a hedge}} of an expected {{2,000|2000|exact|new:Kirill Sokolov}} recruits had turned up in October.
None of this means the Kremlin is about to run out of soldiers, or that it is contemplating a test of Article 5 on Nato’s eastern flank. But as a Nato diplomat put it this week, Russia is now paying “premium prices for a product it used to get for free”, and the invoices keep arriving.
""", [
    ("Kremlin", "Organisation"), ("Catherine Ashdown", "Person"), ("Britain", "Region"),
    ("Defence Intelligence", "Organisation"), ("Mediazona", "Organisation"), ("Volga", "Region"),
    ("Andrei Lavrentyev", "Person"), ("Berlin", "Region"), ("Mark Rutte", "Person"),
    ("Nato", "Organisation"), ("Brussels", "Region"), ("Moscow", "Region"),
    ("Institute for the Study of War", "Organisation"), ("Dmitry Medvedev", "Person"),
    ("Russia", "Region"), ("Security Council", "Organisation"),
    ("Central Bank of Russia", "Organisation"),
    ("Stockholm International Peace Research Institute", "Organisation"),
    ("The Moscow Times", "Organisation"), ("Verstka", "Organisation"),
    ("Defence Ministry", "Organisation"), ("Kirill Sokolov", "Person"),
    ("20th Guards Army", "MilitaryUnit"), ("State Duma", "Organisation"),
])

# ------------------------------------------------------- h03 regional US / AP
article("h03_regional_ap_energy_strikes.txt", "The Berkshire Eagle", "2025-01-16", """
Russia pounds Ukraine’s power grid in biggest attack in weeks, leaving {{hundreds of thousands|100000|approximate||headline: no source; vague multiple, value = lower bound}} in the cold
By DARIA MELNYK and JAMES CALLOWAY Associated Press
Jan 16, 2025
KYIV, Ukraine (AP) — Russia fired {{43|43|exact|vague:officials}} missiles and {{74|74|exact|vague:officials}} drones at Ukraine overnight, targeting energy facilities in at least {{eight|8|at_least|vague:officials}} regions and cutting power to {{hundreds of thousands|100000|approximate|vague:officials|vague multiple}} of homes in the depths of winter, officials said Thursday.
The Ukrainian Air Force said air defenses shot down {{30|30|exact|new:Ukrainian Air Force}} of the missiles and {{47|47|exact|new:Ukrainian Air Force}} of the drones, while another {{27|27|exact|new:Ukrainian Air Force|'another' is not a hedge}} drones were "lost" from radar, most likely as a result of electronic jamming.
It was the fourth large-scale attack on the country’s energy system this year, Energy Minister Oksana Hrytsenko said in a video statement. "They are trying to freeze us out," Hrytsenko said. "But our engineers have already restored electricity to more than {{200,000|200000|more_than|new:Oksana Hrytsenko|quotation continues over sentences}} customers in the Kharkiv region alone."
In the western Lviv region, a 61-year-old woman was killed when debris from a downed drone struck her home, regional Gov. Ivan Fedorchuk wrote on Telegram. He said {{two|2|exact|new:Ivan Fedorchuk}} other people were injured and about {{40|40|approximate|new:Ivan Fedorchuk}} apartment buildings were damaged.
Ukrainian President Volodymyr Zelenskyy renewed his appeal to Western allies for more air defense systems, saying Ukraine needed "at least {{10|10|at_least|volodymyr-zelensky|AP spelling 'Zelenskyy'}} more Patriot batteries" to protect its cities and power plants.
Ukrainian energy officials, speaking on condition of anonymity because they were not authorized to discuss the damage publicly, told The Associated Press that the attack had hit {{three|3|exact|vague:ukrainian energy officials|'told The Associated Press': the wire story's own outlet, not a hop}} thermal power plants operated by DTEK, the country’s largest private energy company.
Russia’s Defense Ministry said its forces had carried out a "massive strike" with long-range precision weapons on facilities that "support the operation of Ukraine’s military-industrial complex." The ministry also claimed its air defenses had downed {{22|22|exact|ru-mod|'The ministry' back-reference}} Ukrainian drones over the Bryansk and Kursk regions overnight.
The barrage came two days after Russia claimed the capture of Velyka Novosilka, a village in the Donetsk region that Ukrainian forces had held since 2022.
Associated Press writer Thomas Ridley in London contributed to this report.
Follow AP’s coverage of the war at https://apnews.com/hub/russia-ukraine
""", [
    ("Russia", "Region"), ("Ukraine", "Region"), ("DARIA MELNYK", "Person"),
    ("JAMES CALLOWAY", "Person"), ("Associated Press", "Organisation"), ("KYIV", "Region"),
    ("Ukrainian Air Force", "Organisation"), ("Oksana Hrytsenko", "Person"),
    ("Kharkiv", "Region"), ("Lviv", "Region"), ("Ivan Fedorchuk", "Person"),
    ("Volodymyr Zelenskyy", "Person"), ("DTEK", "Organisation"),
    ("Defense Ministry", "Organisation"), ("Bryansk", "Region"), ("Kursk", "Region"),
    ("Velyka Novosilka", "Region"), ("Donetsk", "Region"), ("Thomas Ridley", "Person"),
    ("London", "Region"),
])

# ------------------------------------------------------------ h04 DW English
article("h04_dw_iris_t_package.txt", "DW", "2025-03-28", """
Germany pledges more IRIS-T systems as Russian drone attacks surge
Berlin will send additional air defense units to Ukraine this year, Defense Minister Boris Pistorius has said. Kyiv says Russia launched a record number of attack drones in March.
03/28/2025
Germany will send {{four|4|exact|new:Boris Pistorius}} more IRIS-T air defense systems to Ukraine this year as part of a new military aid package worth {{€1.4 billion|1400000000|exact|new:Boris Pistorius}} ({{$1.5 billion|1500000000|exact|new:Boris Pistorius|currency conversion in brackets is a separate occurrence}}), Defense Minister Boris Pistorius said on Friday.
"Russia is attacking Ukrainian cities every single night, on a scale we have not seen before," Pistorius told reporters during a visit to the southern port city of Odesa. "Our air defense systems have already saved {{thousands|1000|approximate|new:Boris Pistorius|vague multiple, value = lower bound}} of lives."
Germany has also agreed to finance the production of around {{500|500|approximate|new:dpa}} long-range strike drones in Ukraine, as reported by the dpa news agency.
According to the Kiel Institute for the World Economy, which tracks Western aid to Ukraine, Germany has committed roughly {{€28 billion|28000000000|approximate|new:Kiel Institute for the World Economy}} in military assistance since February 2022, making it the second-largest donor after the United States.
The Ukrainian Air Force said Russia had launched more than {{4,000|4000|more_than|new:Ukrainian Air Force}} attack drones at the country in March, the highest monthly total since the start of the full-scale invasion. It said {{58%|58|exact|new:Ukrainian Air Force|'It said' back-reference}} of them were shot down by air defenses, while roughly {{30%|30|approximate|new:Ukrainian Air Force}} were brought down by electronic warfare. Fewer than {{500|500|less_than|new:Ukrainian Air Force|'the air force added' back-reference}} reached their intended targets, the air force added.
In a statement, the Russian Defense Ministry said its air defenses had intercepted {{227|227|exact|ru-mod}} Ukrainian drones over Russian territory during the past week, including {{46|46|exact|ru-mod}} over the Moscow region.
The Reuters news agency, citing a senior Ukrainian security official who referred to intelligence gathered by the SBU security service, reported that Russia was now producing about {{2,700|2700|approximate|reuters;vague:senior ukrainian security official;ua-sbu}} Shahed-type drones a month at a plant in Alabuga, in Russia's Tatarstan region.
Kremlin spokesman Dmitry Peskov dismissed the German package, telling journalists in Moscow that new weapons would "not change the dynamics on the front line." He said Western countries had already given Kyiv weapons worth more than {{$200 billion|200000000000|more_than|dmitry-peskov}} "with no result."
Edited by: Martina Keller
This article was written using material from the Reuters, AFP and dpa news agencies.
""", [
    ("Germany", "Region"), ("Berlin", "Region"), ("Ukraine", "Region"),
    ("Boris Pistorius", "Person"), ("Kyiv", "Region"), ("Russia", "Region"),
    ("Odesa", "Region"), ("dpa", "Organisation"),
    ("Kiel Institute for the World Economy", "Organisation"), ("United States", "Region"),
    ("Ukrainian Air Force", "Organisation"), ("Russian Defense Ministry", "Organisation"),
    ("Moscow", "Region"), ("Reuters", "Organisation"), ("SBU", "Organisation"),
    ("Alabuga", "Region"), ("Tatarstan", "Region"), ("Kremlin", "Organisation"),
    ("Dmitry Peskov", "Person"), ("Martina Keller", "Person"), ("AFP", "Organisation"),
])

# ----------------------------------------------------------- h05 Ukrinform
GS = "ua-general-staff"
article("h05_ukrinform_general_staff_losses.txt", "Ukrinform", "2025-04-14", f"""
Russian army losses in Ukraine exceed {{{{931,000|931000|more_than|{GS}|headline attribution '– General Staff'; 'exceed' = more than}}}} – General Staff
14.04.2025 09:15
Russia’s combat losses in Ukraine from February 24, 2022 to April 14, 2025 amount to about {{{{931,500|931500|approximate|{GS}|'This was reported by' refers back to this sentence}}}} personnel, including {{{{1,210|1210|exact|{GS}}}}} in the past day. This was reported by the General Staff of the Armed Forces of Ukraine, Ukrinform reports.
The General Staff gives the following breakdown of the enemy’s total combat losses:
personnel – about {{{{931,500|931500|approximate|{GS}|list lines continue the General Staff sentence that ends in a colon}}}} (+{{{{1,210|1210|exact|{GS}|'+' sign excluded from the text}}}}) persons;
tanks – {{{{10,641|10641|exact|{GS}}}}} (+{{{{4|4|exact|{GS}}}}});
armored combat vehicles – {{{{22,172|22172|exact|{GS}}}}} (+{{{{9|9|exact|{GS}}}}});
artillery systems – {{{{26,408|26408|exact|{GS}}}}} (+{{{{38|38|exact|{GS}}}}});
multiple rocket launchers – {{{{1,356|1356|exact|{GS}}}}};
aircraft – {{{{370|370|exact|{GS}}}}};
helicopters – {{{{335|335|exact|{GS}}}}};
operational-tactical UAVs – {{{{34,987|34987|exact|{GS}}}}} (+{{{{97|97|exact|{GS}}}}});
submarines – {{{{1|1|exact|{GS}}}}}.
The data are being updated.
In the past day, {{{{163|163|exact|{GS}}}}} combat clashes were recorded along the front line, the General Staff said in its morning update. The enemy carried out {{{{three|3|exact|{GS}|'according to the report' refers back to the General Staff update}}}} missile strikes using {{{{five|5|exact|{GS}}}}} missiles, as well as {{{{79|79|exact|{GS}}}}} air strikes, dropping {{{{131|131|exact|{GS}}}}} guided aerial bombs, according to the report.
The fiercest fighting continued in the Pokrovsk direction, where Ukrainian defenders repelled {{{{47|47|exact|{GS}}}}} assault actions near Kotlyne, Udachne and Shevchenko, the General Staff noted.
In a comment to Ukrinform, Nazar Voloshyn, spokesperson for the 28th Separate Mechanized Brigade, said Russian units were using up to {{{{1,500|1500|at_most|new:Nazar Voloshyn|'In a comment to Ukrinform': own outlet, not a hop}}}} FPV drones a day in the Toretsk sector. “Our brigade alone brings down {{{{hundreds|100|approximate|new:Nazar Voloshyn|vague multiple, value = lower bound}}}} of them every night,” he said.
In Zaporizhzhia region, Russian troops carried out {{{{412|412|exact|new:Oleksandr Kovalchuk}}}} attacks on {{{{14|14|exact|new:Oleksandr Kovalchuk}}}} settlements in the past day, Head of the Zaporizhzhia Regional Military Administration Oleksandr Kovalchuk wrote on Telegram. A 54-year-old man was wounded in Huliaipole, he added.
As Ukrinform reported earlier, a Russian drone struck a minibus in Sumy on April 13, killing {{{{two|2|exact||'As Ukrinform reported': own outlet, so no source}}}} passengers and injuring {{{{11|11|exact|}}}}.
""", [
    ("Ukraine", "Region"), ("General Staff", "Organisation"), ("Russia", "Region"),
    ("Ukrinform", "Organisation"), ("Pokrovsk", "Region"), ("Kotlyne", "Region"),
    ("Udachne", "Region"), ("Shevchenko", "Region"), ("Nazar Voloshyn", "Person"),
    ("28th Separate Mechanized Brigade", "MilitaryUnit"), ("Toretsk", "Region"),
    ("Zaporizhzhia", "Region"),
    ("Zaporizhzhia Regional Military Administration", "Organisation"),
    ("Oleksandr Kovalchuk", "Person"), ("Huliaipole", "Region"), ("Sumy", "Region"),
])

# ----------------------------------------------------------------- h06 RT
article("h06_rt_mod_statement.txt", "RT", "2025-01-22", """
Russian forces liberate {{two|2|exact|ru-mod|headline attribution '– MOD'}} more settlements in Donbass – MOD
Kiev has lost more than {{1,500|1500|more_than|ru-mod}} troops in the past day, according to the Defense Ministry
Published: 22 Jan, 2025 14:07
Russian troops have liberated the villages of Novoyegorovka in Kharkov Region and Slavyanka in the Donetsk People’s Republic (DPR), the Russian Defense Ministry said in a statement on Wednesday.
Units of Battlegroup Center improved their tactical positions and inflicted losses on {{four|4|exact|ru-mod}} Ukrainian brigades, the ministry said, adding that the Ukrainian army had lost up to {{510|510|at_most|ru-mod}} servicemen, {{two|2|exact|ru-mod|'up to' attaches to the first item only}} tanks and {{six|6|exact|ru-mod}} armored vehicles in that sector alone.
In total, Kiev’s losses along the entire front line over the past 24 hours exceeded {{1,500|1500|more_than|ru-mod|'according to the statement' refers back; 'exceeded' = more than; repeats the standfirst figure}} troops, according to the statement.
Russian air defenses also shot down {{68|68|exact|ru-mod}} Ukrainian fixed-wing drones overnight, including {{27|27|exact|ru-mod}} over Kursk Region and {{19|19|exact|ru-mod}} over Bryansk Region, the MOD reported separately.
Meanwhile, a source in the security services told RIA Novosti that Kiev had redeployed as many as {{3,000|3000|at_most|ria-novosti;vague:source in the security services}} troops from the Zaporozhye direction to the Kursk border area in the past week, including elements of the 25th Airborne Brigade.
Denis Pushilin, the head of the DPR, told TASS, citing front-line commanders, that Russian forces now control around {{75%|75|approximate|tass;new:Denis Pushilin;vague:front-line commanders}} of the republic’s territory.
Even Western outlets have acknowledged the scale of Ukraine’s losses. The New York Times, citing American officials, reported last year that as many as {{400,000|400000|at_most|nyt;vague:american officials}} Ukrainian soldiers had been killed or wounded, a figure Kiev has disputed.
Russian President Vladimir Putin said last month: “Around {{700,000|700000|approximate|vladimir-putin}} of our servicemen are now in the zone of the special military operation, and they are all heroes.”
Moscow has repeatedly said it is open to talks, but insists that Kiev must first recognize “the realities on the ground” and abandon its plans to join NATO.
""", [
    ("Donbass", "Region"), ("MOD", "Organisation"), ("Kiev", "Region"),
    ("Novoyegorovka", "Region"), ("Kharkov", "Region"), ("Slavyanka", "Region"),
    ("Donetsk People’s Republic", "Region"), ("Battlegroup Center", "MilitaryUnit"),
    ("Kursk", "Region"), ("Bryansk", "Region"), ("RIA Novosti", "Organisation"),
    ("Zaporozhye", "Region"), ("25th Airborne Brigade", "MilitaryUnit"),
    ("Denis Pushilin", "Person"), ("TASS", "Organisation"), ("Ukraine", "Region"),
    ("The New York Times", "Organisation"), ("Vladimir Putin", "Person"),
    ("Moscow", "Region"), ("NATO", "Organisation"),
])

# --------------------------------------------------------- h07 OSINT letter
article("h07_osint_newsletter_equipment.txt", "Attrition Watch", "2025-05", """
Attrition Watch #87: Russian armour losses slow, artillery losses don’t
Issue dated May 2025 · 6 min read
Welcome back. This week we logged {{214|214|exact||the newsletter's own count: no source}} new Russian equipment losses, every one of them visually confirmed through photos or video, bringing our running total for the year to {{2,961|2961|exact|}}. As always, our criteria match the ones used by Oryx: if we can’t see it, we don’t count it.
Tanks first. Oryx’s latest update shows that Russia has lost at least {{3,920|3920|at_least|oryx}} tanks since February 2022, of which {{2,781|2781|exact|oryx}} were destroyed and about {{610|610|approximate|oryx}} were captured by Ukrainian forces. The site’s count sits far below the {{10,690|10690|exact|ua-general-staff}} tanks claimed by the Ukrainian General Staff, and that gap is normal for this war: the General Staff counts reported hits, while Oryx needs a picture.
What stands out this month is the mix. Of our {{214|214|exact|}} entries, only {{19|19|exact|}} were tanks, mostly T-72B3s and {{three|3|exact|}} T-80BVMs, while {{41|41|exact|}} were artillery pieces, including {{nine|9|exact|}} 2S19 Msta-S self-propelled howitzers and what looks like the first visually confirmed 2S7M Malka in the Zaporizhzhia direction.
Artillery is the trend to watch. Oryx has now documented more than {{1,000|1000|more_than|oryx}} lost Russian self-propelled guns, while WarSpotting, which applies a stricter geolocation standard, lists {{943|943|exact|new:WarSpotting}}. Tomasz Rybak, who tracks Russian artillery for the Polish outlet Defence24, told us Russia is losing “roughly {{30 to 40|30|range|new:Tomasz Rybak|'told us': own outlet; hedged range stays 'range', value = lower bound}} guns a month” to drones alone, most of them older 152mm systems.
Aircraft: no new visually confirmed fixed-wing losses this week. The last one we logged was a Su-25 near Pokrovsk on 3 May. Helicopter losses stand at {{142|142|exact|oryx|'on Oryx' = according to Oryx}} on Oryx, including {{46|46|exact|oryx}} Ka-52s.
On the Ukrainian side, Oryx lists {{1,152|1152|exact|oryx}} Ukrainian tanks lost. Russia’s Defence Ministry claims a far higher number: TASS, citing the ministry, put it last week at more than {{17,000|17000|more_than|tass;ru-mod}}.
Housekeeping: we reviewed more than {{600|600|more_than|}} images to produce this issue, and about {{two dozen|24|approximate|}} were rejected as duplicates or too blurry to identify. Corrections, as ever, are welcome.
""", [
    ("Attrition Watch", "Organisation"), ("Oryx", "Organisation"), ("Russia", "Region"),
    ("Ukrainian General Staff", "Organisation"), ("Zaporizhzhia", "Region"),
    ("WarSpotting", "Organisation"), ("Tomasz Rybak", "Person"),
    ("Defence24", "Organisation"), ("Pokrovsk", "Region"), ("Defence Ministry", "Organisation"),
    ("TASS", "Organisation"),
])

# -------------------------------------------------------- h08 podcast summary
article("h08_podcast_drone_wall.txt", "", "2025-02", """
The Frontline Briefing – Episode 143: Is the drone wall holding?
Episode summary · Runtime 54 min
This week host Emma Carrow is joined by Richard Hale, a retired British Army colonel who now lectures at King’s College London, and Olena Sydorenko, a Ukrainian journalist who has spent the past month with drone units near Pokrovsk. They discuss Ukraine’s bet on unmanned systems to hold the line, the cost of interceptor drones, and what the numbers do and do not tell us.
[03:15] Sydorenko describes a night with a drone unit of the 93rd Mechanized Brigade, which she says flew about {{120|120|approximate|new:Olena Sydorenko}} sorties between dusk and dawn. She says a company commander told her that drones now account for roughly {{70%|70|approximate|new:Olena Sydorenko;vague:company commander}} of Russian casualties in the brigade’s sector.
[11:40] Hale pushes back on that number. He notes that Ukraine’s commander-in-chief, Oleksandr Syrsky, put the share of Russian losses caused by drones at more than {{60%|60|more_than|new:Richard Hale;oleksandr-syrsky}} last year, and argues that research by RUSI points lower still, because many casualties are never attributed to a single weapon.
[18:05] On cost, Carrow cites a Ukrainian Defence Ministry estimate that an interceptor drone costs between {{$2,000 and $6,000|2000|range|new:Emma Carrow;ua-mod|range: value is the lower bound}}. A Patriot interceptor missile, by contrast, costs more than {{$3 million|3000000|more_than|new:Emma Carrow|'she says' back-reference; the ministry is not restated}}, she says.
[24:30] Hale says Ukraine produced roughly {{1.5 million|1500000|approximate|new:Richard Hale;ukraine|'the Ukrainian government' = ukraine}} FPV drones in 2024, citing figures from the Ukrainian government. Kyiv’s target for 2025, he adds, is as many as {{4.5 million|4500000|at_most|new:Richard Hale|'he adds': Hale is the only source given}}.
[31:50] The guests turn to Rubikon, the Russian drone unit Sydorenko calls “the most dangerous formation on the front”. Citing Ukrainian intelligence, she says Rubikon operators have hit as many as {{nine hundred|900|at_most|new:Olena Sydorenko;ua-intelligence}} Ukrainian vehicles since August.
[40:10] Carrow asks whether the drone wall can hold through the summer. Hale is cautious. Citing Western officials, he says Russia still fires some {{10,000|10000|approximate|new:Richard Hale;vague:western officials}} artillery shells a day along the front.
[47:25] In the listener Q&A, Sydorenko says she does not trust any single casualty figure and recommends following Mediazona, which, she notes, has now confirmed the names of more than {{95,000|95000|more_than|new:Olena Sydorenko;mediazona}} Russian soldiers killed.
Next week: the economics of Russia’s defence industry. New episodes of The Frontline Briefing are released every Thursday.
""", [
    ("The Frontline Briefing", "Organisation"), ("Emma Carrow", "Person"),
    ("Richard Hale", "Person"), ("British Army", "Organisation"),
    ("King’s College London", "Organisation"), ("Olena Sydorenko", "Person"),
    ("Pokrovsk", "Region"), ("Ukraine", "Region"), ("93rd Mechanized Brigade", "MilitaryUnit"),
    ("Oleksandr Syrsky", "Person"), ("RUSI", "Organisation"),
    ("Ukrainian Defence Ministry", "Organisation"), ("Kyiv", "Region"),
    ("Rubikon", "MilitaryUnit"), ("Russia", "Region"), ("Mediazona", "Organisation"),
])

# ------------------------------------------------------------ h09 news brief
article("h09_brief_kharkiv_strike.txt", "Reuters", "2025-06-03", """
Russian strike on Kharkiv kills {{three|3|exact|vague:officials|headline attribution '– officials'}}, wounds {{28|28|exact|vague:officials}} – officials
June 3, 2025 6:42 AM GMT+1
KHARKIV, Ukraine, June 3 (Reuters) - A Russian drone and glide-bomb attack on Ukraine’s second-largest city of Kharkiv overnight killed {{three|3|exact|new:Serhiy Bondarenko|same figures as the headline, now from a named source}} people, including a 12-year-old girl, and wounded {{28|28|exact|new:Serhiy Bondarenko}}, regional governor Serhiy Bondarenko said on Tuesday.
Mayor Andriy Lysenko wrote on Telegram that the city had been hit by {{two|2|exact|new:Andriy Lysenko}} glide bombs and at least {{17|17|at_least|new:Andriy Lysenko}} Shahed-136 drones in less than half an hour, damaging {{nine|9|exact|new:Andriy Lysenko}} apartment blocks, a kindergarten and a tram depot.
The Ukrainian Air Force said Russia had launched a total of {{112|112|exact|new:Ukrainian Air Force}} drones and {{five|5|exact|new:Ukrainian Air Force}} Iskander-M ballistic missiles at Ukraine overnight, and that {{87|87|exact|new:Ukrainian Air Force}} of the drones had been shot down or jammed.
Russia’s Defense Ministry said its forces had struck facilities of Ukraine’s military-industrial complex with precision weapons, and said separately that {{46|46|exact|ru-mod}} Ukrainian drones had been destroyed over {{seven|7|exact|ru-mod}} Russian regions.
Interfax news agency, citing local emergency services, reported that {{one|1|exact|interfax;vague:local emergency services}} person was injured when a drone hit a residential building in Russia’s Belgorod region, while Reuters could not independently verify either side’s battlefield claims.
There was no immediate comment from Moscow on the Kharkiv strike, which came two days after Russian and Ukrainian delegations met in Istanbul for a second round of direct peace talks.
(Reporting by Maksym Hrytsak in Kyiv; Editing by Helen Ford)
""", [
    ("Kharkiv", "Region"), ("Ukraine", "Region"), ("Reuters", "Organisation"),
    ("Serhiy Bondarenko", "Person"), ("Andriy Lysenko", "Person"),
    ("Ukrainian Air Force", "Organisation"), ("Russia", "Region"),
    ("Defense Ministry", "Organisation"), ("Interfax", "Organisation"), ("Belgorod", "Region"),
    ("Moscow", "Region"), ("Istanbul", "Region"), ("Maksym Hrytsak", "Person"),
    ("Kyiv", "Region"), ("Helen Ford", "Person"),
])

# ------------------------------------------------------------ h10 opinion
article("h10_opinion_three_years.txt", "The Guardian", "2025-02-24", """
Three years on, the numbers from Ukraine should shame anyone who calls this a frozen conflict
The front line barely moves on a map, but the war is still consuming lives, money and machines at a ferocious rate
Hannah Ferris
Mon 24 Feb 2025 06.00 GMT
Wars of attrition are fought with numbers, and these numbers deserve to be read slowly. The UN Human Rights Monitoring Mission in Ukraine has verified the deaths of {{12,654|12654|exact|un-hrmmu}} civilians since February 2022, and it says the true toll is likely to be considerably higher. The World Health Organization has recorded more than {{2,200|2200|more_than|who}} attacks on health facilities, ambulances and medical staff over the same period.
Then there are the people who left. Figures released by UNHCR, the refugee agency, show some {{6.9 million|6900000|approximate|new:UNHCR}} Ukrainians registered as refugees around the world, while the International Organization for Migration estimates that nearly {{3.7 million|3700000|approximate|new:International Organization for Migration}} remain displaced inside the country. Together that is more than {{10 million|10000000|more_than||the columnist's own arithmetic: unattributed}} people, a displacement on a scale Europe has not seen since 1945.
On the battlefield, the estimates diverge wildly, which is itself telling. As the New York Times reported in the autumn, citing American officials who had seen a classified Pentagon assessment, Russian casualties had by then passed {{600,000|600000|more_than|nyt;vague:american officials;pentagon|'passed' = more than}}. The Center for Strategic and International Studies has put the figure at up to {{790,000|790000|at_most|csis}}, and Britain’s Ministry of Defence now speaks of close to {{850,000|850000|approximate|uk-mod}}.
Equipment tells the same story. The International Institute for Strategic Studies estimates that Russia has lost in excess of {{14,000|14000|more_than|iiss}} armoured fighting vehicles since the invasion began; Oryx, the open-source project that counts only losses documented in photographs or video, lists more than {{3,900|3900|more_than|oryx}} Russian tanks alone.
Ukraine pays too. Volodymyr Zelensky said this month that {{46,000|46000|exact|volodymyr-zelensky}} Ukrainian soldiers had been killed and {{390,000|390000|exact|volodymyr-zelensky}} wounded. {{Tens of thousands|10000|approximate||vague multiple, unattributed; Zelensky's quote ended with the previous sentence}} more have now served for more than two years without a proper rotation.
Then there is the money. Europe has now given more in total aid than the United States, according to the Kiel Institute: {{€132bn|132000000000|exact|new:Kiel Institute}} against {{€114bn|114000000000|exact|new:Kiel Institute}}. Donald Trump says America has spent {{$350bn|350000000000|exact|donald-trump}}; the Kiel numbers do not bear that out.
The World Bank reckons that rebuilding Ukraine will cost {{$524bn|524000000000|exact|new:World Bank|same figure repeated by a second source in this sentence}} over the next decade, and Ukraine’s prime minister, Denys Shmyhal, told the Financial Times the bill would be “at least {{$524bn|524000000000|at_least|new:Financial Times;new:Denys Shmyhal|'told the Financial Times': another outlet, outermost hop}}, and probably more”.
None of these numbers is the whole truth, and every one of them is contested by someone. But read together they describe a war that is anything but frozen, and a bill that will be paid for decades, whoever sits at the negotiating table.
Hannah Ferris is a Guardian columnist
""", [
    ("Ukraine", "Region"), ("Hannah Ferris", "Person"),
    ("UN Human Rights Monitoring Mission in Ukraine", "Organisation"),
    ("World Health Organization", "Organisation"), ("UNHCR", "Organisation"),
    ("International Organization for Migration", "Organisation"), ("Europe", "Region"),
    ("New York Times", "Organisation"), ("Pentagon", "Organisation"),
    ("Center for Strategic and International Studies", "Organisation"), ("Britain", "Region"),
    ("Ministry of Defence", "Organisation"),
    ("International Institute for Strategic Studies", "Organisation"), ("Russia", "Region"),
    ("Oryx", "Organisation"), ("Volodymyr Zelensky", "Person"), ("United States", "Region"),
    ("Kiel Institute", "Organisation"), ("Donald Trump", "Person"),
    ("World Bank", "Organisation"), ("Denys Shmyhal", "Person"),
    ("Financial Times", "Organisation"), ("Guardian", "Organisation"),
])


def num(s):
    return int(s) if re.fullmatch(r"-?\d+", s) else float(s)


def build(a):
    out, figs, pos = [], [], 0
    body = a["body"]
    last = 0
    for m in MARK.finditer(body):
        out.append(body[last:m.start()])
        pos += m.start() - last
        parts = m.group(1).split("|")
        text, value, qual, chain = parts[:4]
        note = parts[4] if len(parts) > 4 else ""
        fig = {"text": text, "start": pos, "end": pos + len(text), "value": num(value),
               "qualifier": qual, "chain": [h for h in chain.split(";") if h]}
        if note:
            fig["note"] = note
        figs.append(fig)
        out.append(text)
        pos += len(text)
        last = m.end()
    out.append(body[last:])
    plain = "".join(out)
    for f in figs:
        assert plain[f["start"]:f["end"]] == f["text"], f
    gold = {"file": a["fname"], "publisher": a["publisher"], "published": a["published"],
            "figures": figs,
            "entities": [{"text": t, "type": ty} for t, ty in a["entities"]]}
    with open(os.path.join(HERE, a["fname"]), "w", encoding="utf-8") as fh:
        fh.write(plain)
    with open(os.path.join(HERE, a["fname"].replace(".txt", ".gold.json")), "w",
              encoding="utf-8") as fh:
        json.dump(gold, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    for a in ARTICLES:
        build(a)
    print(len(ARTICLES), "articles written")
