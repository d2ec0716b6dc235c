#include "demo/names.h"

#include <stdio.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

static const char *girls[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
	"Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily",
	"Ella", "Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda",
	"Maya", "Sophie", "Alice", "Emilia", "Isabelle", "Ruby", "Luna", "Maisie", "Aria",
	"Penelope", "Mila", "Bonnie", "Eva", "Hallie", "Eliza", "Ada", "Violet", "Esme", "Arabella",
	"Imogen", "Jessica", "Delilah", "Chloe", "Erin", "Zara", "Layla", "Aisha", "Maryam",
	"Fatima", "Hafsa", "Inaya", "Zainab", "Amira", "Khadija", "Hana", "Priya", "Anaya",
	"Saanvi", "Aaradhya", "Kiara", "Nia", "Amara", "Zuri", "Chidera", "Adaeze", "Ewa", "Zofia",
	"Maja", "Lena", "Alicja", "Ioana", "Maria", "Elena", "Leah", "Hannah", "Lucy", "Megan",
	"Niamh", "Orla", "Caitlin", "Keira", "Tia", "Jade", "Summer", "Holly", "Scarlett", "Lola",
	"Robyn", "Beatrice", "Harriet", "Annabelle", "Thea"};

static const char *boys[] = {
	"Muhammad", "Noah", "Oliver", "George", "Leo", "Arthur", "Oscar", "Theodore", "Freddie",
	"Theo", "Archie", "Harry", "Jack", "Henry", "Charlie", "Finley", "Alfie", "Thomas",
	"Teddy", "Jacob", "Isaac", "Tommy", "Lucas", "Joshua", "William", "Reggie", "James",
	"Jaxon", "Albie", "Roman", "Arlo", "Ronnie", "Elijah", "Edward", "Max", "Alexander",
	"Rory", "Mason", "Ethan", "Logan", "Hugo", "Louie", "Jude", "Sebastian", "Daniel",
	"Ezra", "Harrison", "Hudson", "Adam", "Dylan", "Yusuf", "Ibrahim", "Ayaan", "Zayn",
	"Musa", "Omar", "Ali", "Hamza", "Ahmed", "Bilal", "Arjun", "Rohan", "Aarav", "Vihaan",
	"Kabir", "Dev", "Kofi", "Tobi", "Chinedu", "Emeka", "Femi", "Kwame", "Jakub", "Szymon",
	"Filip", "Antoni", "Mateo", "Luca", "Andrei", "Matei", "Kai", "Tyler", "Callum", "Connor",
	"Kieran", "Liam", "Ryan", "Nathan", "Samuel", "Benjamin", "Joseph", "Riley", "Jayden",
	"Reuben", "Caleb", "Stanley", "Frankie", "Ollie", "Felix", "Ellis"};

static const char *surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
	"Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
	"Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
	"Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
	"Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
	"Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
	"Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
	"Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
	"Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason",
	"Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills",
	"Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens",
	"Jenkins", "Murray", "Dixon", "Harvey", "Graham", "Pearson", "Ahmed", "Fletcher",
	"Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart", "Elliott", "Reynolds",
	"Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West", "Lawrence",
	"Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien",
	"Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis",
	"Rees", "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster", "Hunter", "Gregory",
	"Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons", "Berry", "Stone",
	"Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver",
	"Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane", "Cooke",
	"Bates", "Henderson", "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson",
	"Shepherd", "Ross", "Cross", "Long", "Freeman", "Warren", "Nicholls", "Hamilton",
	"Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson", "Curtis", "Hopkins",
	"O'Connor", "Harper", "Coleman", "Watkins", "Moss", "McCarthy", "Chambers", "Okafor",
	"Adeyemi", "Mensah", "Nowak", "Kowalski", "Wiśniewski", "Popescu", "Rahman", "Islam",
	"Miah", "Akhtar", "Iqbal", "Chaudhry", "Sharma", "Kumar", "Nguyen", "Chen", "Wang",
	"Osei", "Boateng", "Ibrahim", "Mohamed", "Yilmaz", "Silva", "Santos", "Costa", "Rossi"};

const char *names_forename(struct prng *r, char gender)
{
	bool girl = gender == 'F' || (gender != 'M' && prng_chance(r, 0.5));
	return girl ? girls[prng_below(r, COUNT(girls))] : boys[prng_below(r, COUNT(boys))];
}

const char *names_surname(struct prng *r)
{
	return surnames[prng_below(r, COUNT(surnames))];
}

void names_school(struct prng *r, const char *phase, char *out, size_t len)
{
	static const char *places[] = {
		"Ashworth", "Brookfield", "Castlegate", "Dunmore", "Elmfield", "Fairholme",
		"Greystone", "Hollins", "Ingleby", "Kingsmead", "Larkhill", "Marston", "Northfield",
		"Oakwood", "Parkside", "Queensbury", "Riverside", "Southlands", "Thornbury",
		"Upton", "Valley Road", "Westfield", "Whitecross", "Yewtree"};
	const char *place = places[prng_below(r, COUNT(places))];
	if (phase[0] == 'p')
		snprintf(out, len, "%s Primary School", place);
	else if (phase[0] == 's')
		snprintf(out, len, "%s Academy", place);
	else
		snprintf(out, len, "%s School (all-through)", place);
}
